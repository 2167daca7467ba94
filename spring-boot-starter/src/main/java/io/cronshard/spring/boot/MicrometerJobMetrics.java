package io.cronshard.spring.boot;

import io.cronshard.metrics.JobMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Cronshard's {@link JobMetrics} in Micrometer, every meter tagged {@code job}. The starter attaches one to every job of
 * {@code cronshard.jobs} when the context has a {@link MeterRegistry} and no {@code JobMetrics} bean of its own; attach
 * it yourself to bootstraps you build ({@code JobConfiguration.Builder.metrics(…)}).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags besides {@code job}</th><th>What</th></tr>
 *   <tr><td>{@code cronshard.item.duration}</td><td>timer</td><td>{@code source}, {@code result} ({@code success} |
 *       {@code failure})</td><td>one per item execution: its count is the number of executions</td></tr>
 *   <tr><td>{@code cronshard.fire.latency}</td><td>timer</td><td>{@code source}</td><td>from the time the cron meant a
 *       fire to its first item's start (other fires: from the decision to run them)</td></tr>
 *   <tr><td>{@code cronshard.fire.duration}</td><td>timer</td><td>{@code source}, {@code result}</td><td>a fire on this
 *       instance, first item's start to last item's end</td></tr>
 *   <tr><td>{@code cronshard.fire.missed}</td><td>counter</td><td>{@code reason} ({@code ITEM_RUNNING},
 *       {@code NO_OWNER}, {@code DISABLED}, {@code SUSPENDED})</td><td>items that did not start on a fire</td></tr>
 *   <tr><td>{@code cronshard.item.overdue}</td><td>counter</td><td></td><td>executions that ran past their timeout or
 *       far past their usual duration</td></tr>
 *   <tr><td>{@code cronshard.item.retries}</td><td>counter</td><td></td><td>failed tries of an item that are run again
 *       ({@code itemRetries}); the failed try itself is also in {@code cronshard.item.duration}</td></tr>
 *   <tr><td>{@code cronshard.item.unowned}</td><td>counter</td><td></td><td>periods in which an item had no live owner
 *       for longer than the session timeout (seen by the leader)</td></tr>
 * </table>
 * Sources are {@code NORMAL}, {@code MISFIRE}, {@code FAILOVER} and {@code MANUAL}. With {@code tagItems}, the item meters
 * ({@code cronshard.item.*}) also carry {@code item}: one time series per item, so only for jobs with few items.
 * Thread-safe; each call is a map lookup and a record.
 */
public final class MicrometerJobMetrics implements JobMetrics {

    private final boolean tagItems;
    private final Meter.MeterProvider<Timer> itemDuration;
    private final Meter.MeterProvider<Timer> fireLatency;
    private final Meter.MeterProvider<Timer> fireDuration;
    private final Meter.MeterProvider<Counter> fireMissed;
    private final Meter.MeterProvider<Counter> itemOverdue;
    private final Meter.MeterProvider<Counter> itemUnowned;
    private final Meter.MeterProvider<Counter> itemRetries;

    /**
     * Without the item tag.
     *
     * @param registry where the meters go
     */
    public MicrometerJobMetrics(MeterRegistry registry) {
        this(registry, false);
    }

    /**
     * @param registry where the meters go
     * @param tagItems whether item meters carry an {@code item} tag
     */
    public MicrometerJobMetrics(MeterRegistry registry, boolean tagItems) {
        this.tagItems = tagItems;
        itemDuration = Timer.builder("cronshard.item.duration")
                .description("Item executions of a job on this instance: count and duration, by source and result")
                .withRegistry(registry);
        fireLatency = Timer.builder("cronshard.fire.latency")
                .description("From the time the cron meant a fire to its first item's start on this instance")
                .withRegistry(registry);
        fireDuration = Timer.builder("cronshard.fire.duration")
                .description("Fires of a job on this instance, from the first item's start to the last item's end")
                .withRegistry(registry);
        fireMissed = Counter.builder("cronshard.fire.missed")
                .description("Items a fire did not start on this instance, by reason")
                .withRegistry(registry);
        itemOverdue = Counter.builder("cronshard.item.overdue")
                .description("Item executions that ran past their timeout or far past their usual duration")
                .withRegistry(registry);
        itemUnowned = Counter.builder("cronshard.item.unowned")
                .description("Periods in which an item had no live owner for longer than the session timeout")
                .withRegistry(registry);
        itemRetries = Counter.builder("cronshard.item.retries")
                .description("Failed tries of an item that are run again (itemRetries)")
                .withRegistry(registry);
    }

    @Override
    public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
        fireLatency.withTags("job", jobName, "source", executionSource).record(latency);
    }

    @Override
    public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
        itemDuration.withTags(item(Tags.of("job", jobName, "source", executionSource, "result", result(success)), shardingItem))
                .record(duration);
    }

    @Override
    public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
        fireDuration.withTags("job", jobName, "source", executionSource, "result", result(success)).record(duration);
    }

    @Override
    public void fireMissed(String jobName, String reason, int items) {
        fireMissed.withTags("job", jobName, "reason", reason).increment(items);
    }

    @Override
    public void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
        itemOverdue.withTags(item(Tags.of("job", jobName), shardingItem)).increment();
    }

    @Override
    public void itemUnowned(String jobName, int shardingItem, Duration unownedFor) {
        itemUnowned.withTags(item(Tags.of("job", jobName), shardingItem)).increment();
    }

    @Override
    public void itemRetried(String jobName, int shardingItem, int failedTry, Duration backoff) {
        itemRetries.withTags(item(Tags.of("job", jobName), shardingItem)).increment();
    }

    private Tags item(Tags tags, int shardingItem) {
        return tagItems ? tags.and("item", Integer.toString(shardingItem)) : tags;
    }

    private static String result(boolean success) {
        return success ? "success" : "failure";
    }

    @Override
    public String toString() {
        return "MicrometerJobMetrics{tagItems=" + tagItems + '}';
    }
}
