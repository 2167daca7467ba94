package io.cronshard.console.activity;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cronshard.console.registry.RegistryCenterConfig;
import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.console.tracing.ConsoleTracing;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.lifecycle.ServerBriefInfo;
import io.cronshard.lifecycle.ServerStatisticsAPI;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.tracing.TracingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The one place that assembles each job's and each item's activity: last fire and its result, next fire,
 * failure indicators, durations and fire latency. Inputs: the registry center (through {@code io.cronshard.lifecycle})
 * for status, cron and ownership; the job's cron for the next fire; the event-trace database, when one is set,
 * for everything that happened. Every signal an operator should look at ({@link Activity.Signal}) is added in
 * {@link #jobSignals} and {@link #itemSignals}; an item's conditions in ZooKeeper (running, overdue, no live owner,
 * misfire pending, failover, checkpoint) are read by {@link ItemConditions}.
 *
 * <p>Without an event-trace database everything still works: the history-based values are null and
 * {@link Activity.History} says why. What is read from the event-trace database is cached briefly (2 s per job, 5 s
 * or 30 s for the dashboard's window) so that several browsers refreshing every two seconds cost it one read;
 * ZooKeeper state and next fires are fresh on every call.
 */
@Service
public class JobActivityService {

    /** Most recent runs per item kept for the job page's duration chart. */
    public static final int RECENT_RUNS_PER_ITEM = 30;

    private static final Logger LOG = LoggerFactory.getLogger(JobActivityService.class);
    private static final Duration LAST_FIRE_LOOKBACK = Duration.ofDays(31);
    private static final Duration CACHE = Duration.ofSeconds(2);
    private static final Duration OVERVIEW_CACHE = Duration.ofSeconds(5);
    private static final Duration UNAVAILABLE_CACHE = Duration.ofSeconds(30);
    private static final int MAX_SAMPLE = 1000;
    private static final String NOT_CONFIGURED = "History-based values need the event-trace database: an admin sets it on the History page";
    private static final String UNREADABLE = "Cannot read the event-trace database (see the console's log)";

    /** The dashboard's windows. */
    public enum Window {
        /** The last hour, per minute. */
        HOUR(Duration.ofHours(1), Duration.ofMinutes(1)),
        /** The last day, per half hour. */
        DAY(Duration.ofDays(1), Duration.ofMinutes(30));

        private final Duration length;
        private final Duration bucket;

        Window(Duration length, Duration bucket) {
            this.length = length;
            this.bucket = bucket;
        }
    }

    private final RegistryCenters registryCenters;
    private final ConsoleTracing tracing;
    private final Clock clock;
    private final Map<String, Cached<?>> cache = new ConcurrentHashMap<>();
    private volatile Instant lastWarning = Instant.EPOCH;

    @Autowired
    JobActivityService(RegistryCenters registryCenters, ConsoleTracing tracing) {
        this(registryCenters, tracing, Clock.systemUTC());
    }

    JobActivityService(RegistryCenters registryCenters, ConsoleTracing tracing, Clock clock) {
        this.registryCenters = registryCenters;
        this.tracing = tracing;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the jobs list

    /**
     * @param rc a registry center
     * @return every job's activity
     */
    public Activity.Jobs jobs(String rc) {
        CoordinatorRegistryCenter regCenter = registryCenters.connection(rc);
        List<JobBriefInfo> briefs = briefs(regCenter);
        Map<String, CronSchedule> schedules = schedules(regCenter, briefs);
        Instant now = clock.instant();
        Map<String, Activity.Job> result = new TreeMap<>();
        Activity.History history = history();
        for (JobBriefInfo brief : briefs) {
            TraceFacts facts = null;
            if (history.available()) {
                int limit = Math.max(30, Math.min(500, brief.shardingTotalCount() * 3));
                try {
                    facts = facts(rc, brief.jobName(), limit);
                } catch (SQLException | TracingException | ConsoleTracing.NotConfiguredException ex) {
                    history = unreadable(ex);
                }
            }
            result.put(brief.jobName(), job(brief, schedules.get(brief.jobName()), now, facts, List.of()));
        }
        return new Activity.Jobs(history, result);
    }

    /** The trace's facts about one job: its latest runs (at most {@code limit}) and the last hour's counts; cached briefly. */
    private TraceFacts facts(String rc, String job, int limit) throws SQLException {
        String key = "facts/" + rc + "/" + job + "/" + limit;
        Instant now = clock.instant();
        Cached<?> hit = cache.get(key);
        if (hit != null && now.isBefore(hit.expires())) {
            return (TraceFacts) hit.value();
        }
        TraceFacts result = tracing.read(database -> {
            database.ensureTables();
            TraceReader reader = new TraceReader(database.dataSource());
            Instant hourAgo = now.minus(Duration.ofHours(1));
            List<TraceReader.Run> latest = reader.latestRuns(job, now.minus(LAST_FIRE_LOOKBACK), limit, true);
            long[] counts = reader.counts(job, hourAgo);
            return new TraceFacts(latest, counts, latest.stream().filter(each -> !each.start().isBefore(hourAgo)).toList());
        });
        put(key, result, now.plus(CACHE));
        return result;
    }

    // ---------------------------------------------------------------- one job

    /**
     * @param rc a registry center
     * @param brief the job, as the registry center has it
     * @return the job's and its items' activity
     */
    public Activity.JobDetail job(String rc, JobBriefInfo brief) {
        CoordinatorRegistryCenter regCenter = registryCenters.connection(rc);
        CronSchedule schedule = schedules(regCenter, List.of(brief)).get(brief.jobName());
        List<ShardingInfo> shards;
        try (ShardingStatisticsAPI api = JobAPIFactory.createShardingStatisticsAPI(regCenter)) {
            shards = api.getShardingInfo(brief.jobName()).stream().sorted(Comparator.comparingInt(ShardingInfo::item)).toList();
        }
        Set<String> live = new HashSet<>(regCenter.getChildrenKeys("/" + brief.jobName() + "/instances"));
        Instant now = clock.instant();
        Activity.History history = history();
        TraceFacts facts = null;
        Map<Integer, List<TraceReader.Run>> runsByItem = new TreeMap<>();
        if (history.available()) {
            try {
                facts = facts(rc, brief.jobName(), Math.max(60, Math.min(5000, brief.shardingTotalCount() * RECENT_RUNS_PER_ITEM)));
                for (TraceReader.Run each : facts.latest()) {
                    List<TraceReader.Run> runs = runsByItem.computeIfAbsent(each.item(), key -> new ArrayList<>());
                    if (runs.size() < RECENT_RUNS_PER_ITEM) {
                        runs.add(each);
                    }
                }
            } catch (SQLException | TracingException | ConsoleTracing.NotConfiguredException ex) {
                history = unreadable(ex);
                facts = null;
            }
        }
        Instant nextFire = schedule == null ? null : schedule.nextAfter(now);
        List<Activity.Item> items = new ArrayList<>();
        List<Activity.Signal> itemSignalsOfJob = new ArrayList<>();
        for (ShardingInfo shard : shards) {
            List<TraceReader.Run> runs = runsByItem.getOrDefault(shard.item(), List.of());
            TraceReader.Run last = runs.isEmpty() ? null : runs.get(0);
            Activity.Conditions conditions = ItemConditions.read(regCenter, brief.jobName(), shard, live);
            List<Activity.Signal> signals = itemSignals(shard, conditions, last);
            itemSignalsOfJob.addAll(signals);
            List<Activity.Point> points = new ArrayList<>();
            for (int i = runs.size() - 1; i >= 0; i--) {
                TraceReader.Run run = runs.get(i);
                points.add(new Activity.Point(run.start().toString(), run.durationMillis(), run.success()));
            }
            boolean fires = shard.status() != ShardingInfo.ShardingStatus.DISABLED && brief.status() != JobStatus.DISABLED;
            items.add(new Activity.Item(shard.item(), fires ? text(nextFire) : null, conditions, last == null ? null : run(last), points, signals));
        }
        Activity.Job job = job(brief, schedule, now, facts, itemSignalsOfJob.stream().filter(each -> !"FAILING".equals(each.kind())).toList());
        return new Activity.JobDetail(history, job, items);
    }

    // ---------------------------------------------------------------- the dashboard

    /**
     * @param rc a registry center
     * @param window the window
     * @return its jobs' statistics over the window, worst first, and the executions over time
     */
    public Activity.Dashboard dashboard(String rc, Window window) {
        Activity.Jobs jobs = jobs(rc);
        Aggregates aggregates;
        Activity.History history = jobs.history();
        if (history.available() && !jobs.jobs().isEmpty()) {
            try {
                aggregates = aggregates(rc, window, jobs.jobs().keySet());
            } catch (SQLException | TracingException | ConsoleTracing.NotConfiguredException ex) {
                history = unreadable(ex);
                aggregates = Aggregates.empty(clock.instant(), window);
            }
        } else {
            aggregates = Aggregates.empty(clock.instant(), window);
        }
        List<Activity.JobStatistics> statistics = new ArrayList<>();
        for (Activity.Job job : jobs.jobs().values()) {
            long[] total = aggregates.perJob().getOrDefault(job.jobName(), new long[2]);
            statistics.add(new Activity.JobStatistics(job, total[0], total[1],
                    aggregates.durations().getOrDefault(job.jobName(), Percentiles.of(new long[0])),
                    aggregates.latencies().getOrDefault(job.jobName(), Percentiles.of(new long[0]))));
        }
        statistics.sort(WORST_FIRST);
        return new Activity.Dashboard(history, window.name().toLowerCase(java.util.Locale.ROOT), aggregates.from().toString(),
                aggregates.to().toString(), statistics, aggregates.timeline());
    }

    /** What the dashboard reads from the trace for a window: cached 5 s (hour) or 30 s (day). */
    private record Aggregates(Instant from, Instant to, Activity.Timeline timeline, Map<String, long[]> perJob,
                              Map<String, Map<String, Long>> durations, Map<String, Map<String, Long>> latencies) {

        static Aggregates empty(Instant now, Window window) {
            List<Instant> bounds = bounds(now, window);
            int buckets = bounds.size() - 1;
            return new Aggregates(bounds.get(0), bounds.get(buckets), new Activity.Timeline(
                    bounds.subList(0, buckets).stream().map(Instant::toString).toList(), new long[buckets], new long[buckets]), Map.of(), Map.of(), Map.of());
        }

        /** The window's bucket bounds, ending at the next whole minute. */
        static List<Instant> bounds(Instant now, Window window) {
            Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            List<Instant> result = new ArrayList<>();
            for (Instant each = to.minus(window.length); !each.isAfter(to); each = each.plus(window.bucket)) {
                result.add(each);
            }
            return result;
        }
    }

    private Aggregates aggregates(String rc, Window window, Set<String> jobNames) throws SQLException {
        String key = "aggregates/" + rc + "/" + window + "/" + jobNames.hashCode();
        Instant now = clock.instant();
        Cached<?> hit = cache.get(key);
        if (hit != null && now.isBefore(hit.expires())) {
            return (Aggregates) hit.value();
        }
        CoordinatorRegistryCenter regCenter = registryCenters.connection(rc);
        Map<String, CronSchedule> schedules = schedules(regCenter, briefs(regCenter));
        List<Instant> bounds = Aggregates.bounds(now, window);
        Instant from = bounds.get(0);
        int buckets = bounds.size() - 1;
        long[] executions = new long[buckets];
        long[] failures = new long[buckets];
        Map<String, long[]> perJob = new TreeMap<>();
        Map<String, Map<String, Long>> durations = new TreeMap<>();
        Map<String, Map<String, Long>> latencies = new TreeMap<>();
        tracing.read(database -> {
            database.ensureTables();
            TraceReader reader = new TraceReader(database.dataSource());
            for (TraceReader.Bucket each : reader.buckets(jobNames, bounds)) {
                executions[each.index()] += each.executions();
                failures[each.index()] += each.failures();
                long[] total = perJob.computeIfAbsent(each.jobName(), name -> new long[2]);
                total[0] += each.executions();
                total[1] += each.failures();
            }
            for (String job : perJob.keySet()) {
                durations.put(job, Percentiles.of(reader.latestRuns(job, from, MAX_SAMPLE, false).stream()
                        .mapToLong(TraceReader.Run::durationMillis).toArray()));
                CronSchedule schedule = schedules.get(job);
                if (schedule != null) {
                    latencies.put(job, Percentiles.of(reader.cronFires(job, from, 2 * MAX_SAMPLE).stream().mapToLong(fire -> {
                        Instant meant = schedule.lastAtOrBefore(fire.staging());
                        return meant == null ? -1 : Math.max(0, fire.running().toEpochMilli() - meant.toEpochMilli());
                    }).filter(millis -> millis >= 0).toArray()));
                }
            }
            return null;
        });
        Aggregates result = new Aggregates(from, bounds.get(buckets), new Activity.Timeline(
                bounds.subList(0, buckets).stream().map(Instant::toString).toList(), executions, failures), perJob, durations, latencies);
        put(key, result, now.plus(window == Window.HOUR ? Duration.ofSeconds(5) : Duration.ofSeconds(30)));
        return result;
    }

    /** Failing or broken first, then most failures, highest failure rate, slowest (p95), then by name. */
    static final Comparator<Activity.JobStatistics> WORST_FIRST = Comparator
            .comparingInt((Activity.JobStatistics each) -> -severity(each.job().health()))
            .thenComparingLong(each -> -each.failures())
            .thenComparingDouble(each -> each.executions() == 0 ? 0 : -(double) each.failures() / each.executions())
            .thenComparingLong(each -> -each.durationMillis().getOrDefault("p95", 0L))
            .thenComparing(each -> each.job().jobName());

    private static int severity(String health) {
        return switch (health) {
            case "FAILING" -> 4;
            case "CRASHED" -> 3;
            case "SHARDING_FLAG" -> 2;
            default -> 0;
        };
    }

    /**
     * @return every known registry center at a glance (one that cannot be reached says so, and is not tried again for 30 s)
     */
    public List<Activity.RegistryCenter> overview() {
        List<Activity.RegistryCenter> result = new ArrayList<>();
        for (RegistryCenterConfig config : registryCenters.list()) {
            String key = "overview/" + config.name();
            result.add(cached(key, OVERVIEW_CACHE, () -> {
                try {
                    return overview(config);
                } catch (RuntimeException ex) {
                    LOG.info("Registry center '{}' unavailable for the dashboard: {}", config.name(), ex.toString());
                    Activity.RegistryCenter unavailable = new Activity.RegistryCenter(config.name(), config.namespace(), false,
                            "Cannot read this registry center (see the console's log)", Map.of(), Map.of(), 0, 0, 0, 0);
                    put(key, unavailable, clock.instant().plus(UNAVAILABLE_CACHE));
                    return unavailable;
                }
            }));
        }
        return result;
    }

    private Activity.RegistryCenter overview(RegistryCenterConfig config) {
        CoordinatorRegistryCenter regCenter = registryCenters.connection(config.name());
        Map<String, Integer> jobsByHealth = new LinkedHashMap<>();
        for (String each : List.of("OK", "FAILING", "CRASHED", "DISABLED", "SHARDING_FLAG")) {
            jobsByHealth.put(each, 0);
        }
        Activity.Jobs jobs = jobs(config.name());
        jobs.jobs().values().forEach(each -> jobsByHealth.merge(each.health(), 1, Integer::sum));
        Map<String, Integer> itemsByStatus = new LinkedHashMap<>();
        for (ShardingInfo.ShardingStatus each : ShardingInfo.ShardingStatus.values()) {
            itemsByStatus.put(each.name(), 0);
        }
        try (ShardingStatisticsAPI api = JobAPIFactory.createShardingStatisticsAPI(regCenter)) {
            for (String job : jobs.jobs().keySet()) {
                api.getShardingInfo(job).forEach(each -> itemsByStatus.merge(each.status().name(), 1, Integer::sum));
            }
        }
        Set<String> instances = new TreeSet<>();
        int withDisabled = 0;
        int withCrashed = 0;
        java.util.Collection<ServerBriefInfo> servers;
        try (ServerStatisticsAPI api = JobAPIFactory.createServerStatisticsAPI(regCenter)) {
            servers = api.getAllServersBriefInfo();
        }
        for (ServerBriefInfo each : servers) {
            instances.addAll(each.instances());
            withDisabled += each.disabledJobsNum() > 0 ? 1 : 0;
            withCrashed += each.crashedJobsNum() > 0 ? 1 : 0;
        }
        return new Activity.RegistryCenter(config.name(), config.namespace(), true, null, jobsByHealth, itemsByStatus, instances.size(),
                servers.size(), withDisabled, withCrashed);
    }

    // ---------------------------------------------------------------- assembling

    private record TraceFacts(List<TraceReader.Run> latest, long[] lastHourCounts, List<TraceReader.Run> lastHour) {
    }

    private Activity.Job job(JobBriefInfo brief, CronSchedule schedule, Instant now, TraceFacts facts, List<Activity.Signal> extraSignals) {
        Activity.LastFire lastFire = null;
        Activity.Recent lastHour = null;
        Map<Integer, TraceReader.Run> latestPerItem = new TreeMap<>();
        if (facts != null) {
            facts.latest().forEach(each -> latestPerItem.putIfAbsent(each.item(), each));
            if (!latestPerItem.isEmpty()) {
                List<Integer> failed = latestPerItem.values().stream().filter(each -> !each.success()).map(TraceReader.Run::item).toList();
                Instant time = facts.latest().get(0).start();
                lastFire = new Activity.LastFire(time.toString(), failed.isEmpty() ? "SUCCESS" : "FAILURE", latestPerItem.size(), failed);
            }
            lastHour = new Activity.Recent(facts.lastHourCounts()[0], facts.lastHourCounts()[1],
                    Percentiles.of(facts.lastHour().stream().mapToLong(TraceReader.Run::durationMillis).toArray()));
        }
        List<Activity.Signal> signals = new ArrayList<>(jobSignals(brief, latestPerItem));
        signals.addAll(extraSignals);
        String health = brief.status() == JobStatus.OK && signals.stream().anyMatch(each -> "FAILING".equals(each.kind())) ? "FAILING"
                : brief.status().name();
        boolean fires = schedule != null && brief.status() != JobStatus.DISABLED;
        Instant nextFire = fires ? schedule.nextAfter(now) : null;
        Instant lastScheduledFire = fires ? schedule.lastAtOrBefore(now) : null;
        return new Activity.Job(brief.jobName(), brief.status().name(), health, text(nextFire), text(lastScheduledFire), lastFire, lastHour,
                List.copyOf(signals));
    }

    /** The job's signals: one FAILING per item whose latest run failed. (Merge the runtime's job-level signals here.) */
    private static List<Activity.Signal> jobSignals(JobBriefInfo brief, Map<Integer, TraceReader.Run> latestPerItem) {
        List<Activity.Signal> result = new ArrayList<>();
        latestPerItem.values().stream().filter(each -> !each.success()).forEach(each -> result.add(new Activity.Signal("FAILING", each.item(),
                "The latest run of item " + each.item() + " (" + each.start() + ") failed: " + firstLine(each.failureCause()))));
        return result;
    }

    /** An item's signals: its latest run failed; it is overdue; its owner is not live ({@link ItemConditions}). */
    private static List<Activity.Signal> itemSignals(ShardingInfo shard, Activity.Conditions conditions, TraceReader.Run last) {
        List<Activity.Signal> result = new ArrayList<>();
        if (last != null && !last.success()) {
            result.add(new Activity.Signal("FAILING", shard.item(), "Its latest run (" + last.start() + ") failed: " + firstLine(last.failureCause())));
        }
        result.addAll(ItemConditions.signals(shard, conditions));
        return result;
    }

    private static Activity.Run run(TraceReader.Run run) {
        return new Activity.Run(run.start().toString(), run.complete().toString(), run.durationMillis(), run.success(), run.source(),
                run.instanceId(), run.success() ? null : firstLine(run.failureCause()));
    }

    /** @return the stack trace's first line (the exception and its message), at most 300 characters */
    static String firstLine(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "(no stack trace recorded)";
        }
        String line = stackTrace.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private static List<JobBriefInfo> briefs(CoordinatorRegistryCenter regCenter) {
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(regCenter)) {
            return api.getAllJobsBriefInfo().stream().sorted(Comparator.comparing(JobBriefInfo::jobName)).toList();
        }
    }

    /**
     * The jobs' crons in their time zones, read from the stored configuration's JSON as it is: the console may not have
     * a job's custom types on its class path, which only matters for validating them, not for knowing when it fires.
     */
    private static Map<String, CronSchedule> schedules(CoordinatorRegistryCenter regCenter, List<JobBriefInfo> briefs) {
        Map<String, CronSchedule> result = new TreeMap<>();
        for (JobBriefInfo each : briefs) {
            String cron = each.cron();
            String timeZone = null;
            try {
                String json = regCenter.get("/" + each.jobName() + "/config");
                if (json != null) {
                    JsonObject config = JsonParser.parseString(json).getAsJsonObject();
                    cron = text(config, "cron", cron);
                    timeZone = text(config, "timeZone", null);
                }
            } catch (RuntimeException ex) {
                LOG.debug("Cannot read the stored configuration of job '{}': {}", each.jobName(), ex.toString());
            }
            CronSchedule schedule = CronSchedule.of(cron, timeZone);
            if (schedule != null) {
                result.put(each.jobName(), schedule);
            }
        }
        return result;
    }

    private static String text(JsonObject object, String field, String fallback) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : fallback;
    }

    private Activity.History history() {
        return tracing.isConfigured() ? new Activity.History(true, null) : new Activity.History(false, NOT_CONFIGURED);
    }

    private Activity.History unreadable(Exception ex) {
        if (ex instanceof ConsoleTracing.NotConfiguredException) {
            return new Activity.History(false, NOT_CONFIGURED);
        }
        Instant now = clock.instant();
        if (now.isAfter(lastWarning.plus(Duration.ofMinutes(1)))) {
            lastWarning = now;
            LOG.warn("Reading the event-trace database for the activity columns failed: {}", ex.toString());
        }
        return new Activity.History(false, UNREADABLE);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Duration ttl, Supplier<T> compute) {
        Instant now = clock.instant();
        Cached<?> hit = cache.get(key);
        if (hit != null && now.isBefore(hit.expires())) {
            return (T) hit.value();
        }
        T value = compute.get();
        Cached<?> existing = cache.get(key);
        if (existing != null && now.isBefore(existing.expires()) && existing != hit) {
            return (T) existing.value();
        }
        put(key, value, now.plus(ttl));
        return value;
    }

    private void put(String key, Object value, Instant expires) {
        cache.put(key, new Cached<>(value, expires));
        if (cache.size() > 1000) {
            Instant now = clock.instant();
            cache.entrySet().removeIf(each -> !now.isBefore(each.getValue().expires()));
        }
    }

    /** Drops every cached value (when the event-trace database or a registry center changes). */
    public void forget() {
        cache.clear();
    }

    private record Cached<T>(T value, Instant expires) {
    }
}
