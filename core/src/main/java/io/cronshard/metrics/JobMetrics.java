package io.cronshard.metrics;

import java.time.Duration;

/**
 * A hook for a job's metrics: how many items ran and how they ended, how long they took, and how
 * late fires started. Attach one with {@code JobConfiguration.Builder.metrics(…)}; the default,
 * {@link #NONE}, records nothing. Like tracing, it is local to this JVM and never stored in ZooKeeper.
 *
 * <p>Cronshard depends on no metrics library; bind this to the one you use. With Micrometer:
 * <pre>{@code
 * public final class MicrometerJobMetrics implements JobMetrics {
 *     private final MeterRegistry registry;
 *
 *     public MicrometerJobMetrics(MeterRegistry registry) {
 *         this.registry = registry;
 *     }
 *
 *     public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
 *         Timer.builder("cronshard.item.duration")              // count = executions, by job, source and result
 *                 .tag("job", jobName).tag("source", executionSource).tag("result", success ? "success" : "failure")
 *                 .register(registry).record(duration);
 *     }
 *
 *     public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
 *         Timer.builder("cronshard.fire.latency").tag("job", jobName).tag("source", executionSource)
 *                 .register(registry).record(latency);
 *     }
 *
 *     public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
 *         Timer.builder("cronshard.fire.duration").tag("job", jobName).tag("source", executionSource)
 *                 .tag("result", success ? "success" : "failure").register(registry).record(duration);
 *     }
 * }
 * }</pre>
 * (Tag items only if a job has few of them: each tag value is a time series.)
 *
 * <p>Methods are called on the job's executor threads, several at once for a job with several
 * items, right after what they report: implementations must be thread-safe and quick (no I/O, no
 * waiting), since the item's thread calls them. An exception thrown here is logged and ignored.
 * Execution sources are {@code NORMAL} (the cron), {@code MISFIRE} (a fire missed while the item ran,
 * made up), {@code FAILOVER} (items of a crashed instance) and {@code MANUAL} (a trigger or one-off run).
 */
public interface JobMetrics {

    /** Records nothing. */
    JobMetrics NONE = new JobMetrics() {
        @Override
        public String toString() {
            return "JobMetrics.NONE";
        }
    };

    /**
     * The first item of a fire started on this instance.
     *
     * @param jobName the job
     * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param itemCount how many items the fire runs here
     * @param latency for a cron fire, from the time the cron meant it to fire to the first item's start
     *                (scheduler delay, coordination and executor queueing); for other fires and for cron
     *                fires held back while the split changed, from the decision to run them
     */
    default void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
    }

    /**
     * An item's body ended on this instance: once per try when the job retries failed items
     * ({@code itemRetries}); a try that ran past {@code itemTimeoutMillis} counts as failed.
     *
     * @param jobName the job
     * @param shardingItem the item
     * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param success whether the body returned normally (false when it threw)
     * @param duration how long the body ran
     */
    default void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
    }

    /**
     * Every item of a fire that started on this instance ended.
     *
     * @param jobName the job
     * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param success whether every item ran and returned normally
     * @param duration from the first item's start to the last item's end
     */
    default void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
    }

    /**
     * A fire (or a manual trigger) did not start some of the items it should have run on this
     * instance, or any of them.
     *
     * @param jobName the job
     * @param reason why: {@code ITEM_RUNNING} (the item still ran from an earlier fire, here or on its
     *               previous owner), {@code NO_OWNER} (the split gave the item to no live instance),
     *               {@code DISABLED} (the job, this server or the item is disabled) or {@code SUSPENDED}
     *               (this instance had no contact with ZooKeeper)
     * @param items how many items missed the fire for that reason
     */
    default void fireMissed(String jobName, String reason, int items) {
    }

    /**
     * An item has run longer than its timeout ({@code itemTimeoutMillis}) or than several times its
     * usual duration; reported once per execution.
     *
     * @param jobName the job
     * @param shardingItem the item
     * @param runningFor how long it has run so far
     */
    default void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
    }

    /**
     * An item's try failed and it runs again after a wait ({@code itemRetries}); its failed try was
     * reported to {@link #itemCompleted} with {@code success=false} already.
     *
     * @param jobName the job
     * @param shardingItem the item
     * @param failedTry the number of the try that failed, from 1
     * @param backoff how long the item waits before its next try
     */
    default void itemRetried(String jobName, int shardingItem, int failedTry, Duration backoff) {
    }

    /**
     * An item has had no live owner for longer than the session timeout (seen by the job's leader);
     * reported once per such period.
     *
     * @param jobName the job
     * @param shardingItem the item
     * @param unownedFor how long it has had no live owner
     */
    default void itemUnowned(String jobName, int shardingItem, Duration unownedFor) {
    }
}
