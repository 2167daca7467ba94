package io.cronshard.console.activity;

import java.util.List;
import java.util.Map;

/**
 * What the console tells about jobs and items beyond their ZooKeeper state: JSON-ready values (times as
 * ISO-8601 UTC strings, durations in milliseconds) assembled by {@link JobActivityService}.
 */
public final class Activity {

    private Activity() {
    }

    /**
     * Whether the history-based values are there.
     *
     * @param available whether the event-trace database could be read
     * @param reason why not, for a person; null when available
     */
    public record History(boolean available, String reason) {
    }

    /**
     * Something an operator should look at.
     *
     * @param kind {@code FAILING} (the item's latest run failed), {@code NO_LIVE_OWNER} (the item's owner is not a live
     *             instance), {@code OVERDUE} (its body runs past its timeout or far past its usual duration)
     * @param item the item, or null for the whole job
     * @param message for a person
     */
    public record Signal(String kind, Integer item, String message) {
    }

    /**
     * A job's last fire as the trace shows it: the latest run of each item seen among its latest executions.
     *
     * @param time the latest start
     * @param result {@code SUCCESS} when the latest run of every item succeeded, else {@code FAILURE}
     * @param items how many items have a latest run
     * @param failedItems the items whose latest run failed
     */
    public record LastFire(String time, String result, int items, List<Integer> failedItems) {
    }

    /**
     * Executions over a recent window.
     *
     * @param executions item executions started in it
     * @param failures those that failed
     * @param durationMillis {@code count, p50, p95, p99, max} of the latest executions in it
     */
    public record Recent(long executions, long failures, Map<String, Long> durationMillis) {
    }

    /**
     * One job.
     *
     * @param jobName the job
     * @param status its ZooKeeper status (OK, CRASHED, DISABLED, SHARDING_FLAG)
     * @param health what to show: its status, except {@code FAILING} in place of OK when an item's latest run failed
     * @param nextFire the cron's next fire (in the job's time zone), null for none
     * @param lastScheduledFire the cron's latest time at or before now (when a fire was due, not whether it ran), null for a
     *                          disabled job, none in the last 32 days or no cron
     * @param lastFire the latest fire the event-trace database recorded; null without history
     * @param lastHour null without history
     * @param signals what to look at
     */
    public record Job(String jobName, String status, String health, String nextFire, String lastScheduledFire, LastFire lastFire,
                      Recent lastHour, List<Signal> signals) {
    }

    /**
     * One item's latest run.
     *
     * @param start when it started
     * @param complete when it ended
     * @param durationMillis how long it ran
     * @param success whether it succeeded
     * @param source NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param instanceId where it ran
     * @param failure the first line of its stack trace, null on success
     */
    public record Run(String start, String complete, long durationMillis, boolean success, String source, String instanceId, String failure) {
    }

    /**
     * One point of an item's recent durations.
     *
     * @param start when the run started
     * @param millis how long it ran
     * @param success whether it succeeded
     */
    public record Point(String start, long millis, boolean success) {
    }

    /**
     * An item's overdue mark ({@code sharding/{item}/overdue}), written by the instance whose body runs too long.
     *
     * @param instanceId the instance running the body, empty when the mark does not say
     * @param reason {@code TIMEOUT} (past {@code itemTimeoutMillis}, ignoring the interrupt), {@code USUAL_DURATION} (far
     *               past its usual duration), or what the mark holds otherwise ({@code UNKNOWN} when nothing)
     * @param since when the overdue body started, null when the mark does not say
     */
    public record Overdue(String instanceId, String reason, String since) {
    }

    /**
     * What an item's nodes in ZooKeeper say about it now.
     *
     * @param running a body runs ({@code sharding/{item}/running})
     * @param overdue its overdue mark, null when it has none
     * @param noLiveOwner enabled, but its owner is not a live instance (or it has none): resharding is due
     * @param misfirePending a fire was missed while it ran and waits to be made up ({@code misfire})
     * @param failover it runs on a survivor after its owner crashed ({@code failover})
     * @param checkpoint a run left a checkpoint its next run resumes from ({@code checkpoint})
     */
    public record Conditions(boolean running, Overdue overdue, boolean noLiveOwner, boolean misfirePending, boolean failover,
                             boolean checkpoint) {
    }

    /**
     * One item.
     *
     * @param item the item
     * @param nextFire the job's next fire (every item fires with it), null when the item is disabled or the job has none
     * @param conditions what its nodes in ZooKeeper say now
     * @param lastRun null without history or when none was found
     * @param recentDurations oldest first, at most {@value JobActivityService#RECENT_RUNS_PER_ITEM}
     * @param signals what to look at
     */
    public record Item(int item, String nextFire, Conditions conditions, Run lastRun, List<Point> recentDurations, List<Signal> signals) {
    }

    /**
     * The jobs list's activity.
     *
     * @param history whether history-based values are there
     * @param jobs by job name
     */
    public record Jobs(History history, Map<String, Job> jobs) {
    }

    /**
     * One job's page.
     *
     * @param history whether history-based values are there
     * @param job the job
     * @param items its items
     */
    public record JobDetail(History history, Job job, List<Item> items) {
    }

    /**
     * One job on the dashboard, over its window.
     *
     * @param job the job's activity
     * @param executions item executions started in the window
     * @param failures those that failed
     * @param durationMillis {@code count, p50, p95, p99, max} of its latest executions in the window
     * @param fireLatencyMillis {@code count, p50, p95, p99, max} from the cron's time to the first item's start, for its
     *                          latest cron fires in the window
     */
    public record JobStatistics(Job job, long executions, long failures, Map<String, Long> durationMillis, Map<String, Long> fireLatencyMillis) {
    }

    /**
     * Executions and failures over time, all jobs of the registry center together.
     *
     * @param starts each bucket's start
     * @param executions per bucket
     * @param failures per bucket
     */
    public record Timeline(List<String> starts, long[] executions, long[] failures) {
    }

    /**
     * A registry center's dashboard.
     *
     * @param history whether history-based values are there
     * @param window {@code hour} or {@code day}
     * @param from the window's start
     * @param to the window's end
     * @param jobs every job, worst first
     * @param timeline executions over the window
     */
    public record Dashboard(History history, String window, String from, String to, List<JobStatistics> jobs, Timeline timeline) {
    }

    /**
     * A registry center at a glance.
     *
     * @param name its name
     * @param namespace its namespace
     * @param available whether it could be read
     * @param error why not
     * @param jobsByHealth jobs per health (OK, FAILING, CRASHED, DISABLED, SHARDING_FLAG)
     * @param itemsByStatus items per status (RUNNING, PENDING, DISABLED, SHARDING_FLAG)
     * @param instances live job instances
     * @param servers servers
     * @param serversWithDisabledJobs servers disabled for at least one job
     * @param serversWithCrashedJobs servers without a live instance of at least one of their jobs
     */
    public record RegistryCenter(String name, String namespace, boolean available, String error, Map<String, Integer> jobsByHealth,
                                 Map<String, Integer> itemsByStatus, int instances, int servers, int serversWithDisabledJobs,
                                 int serversWithCrashedJobs) {
    }
}
