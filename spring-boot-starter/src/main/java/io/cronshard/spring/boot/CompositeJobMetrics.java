package io.cronshard.spring.boot;

import io.cronshard.metrics.JobMetrics;

import java.time.Duration;
import java.util.List;

/**
 * Every {@link JobMetrics} bean of the context behind one hook, called in order. Core logs and ignores what a hook
 * throws, for the whole hook: one failing here would silence the ones after it, so each is guarded on its own.
 */
final class CompositeJobMetrics implements JobMetrics {

    private final List<JobMetrics> delegates;

    private CompositeJobMetrics(List<JobMetrics> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /**
     * @param delegates the hooks, in call order
     * @return {@link JobMetrics#NONE} for none, the one hook for one, a composite for more
     */
    static JobMetrics of(List<JobMetrics> delegates) {
        return delegates.isEmpty() ? NONE : delegates.size() == 1 ? delegates.get(0) : new CompositeJobMetrics(delegates);
    }

    @Override
    public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
        each(metrics -> metrics.fireStarted(jobName, executionSource, itemCount, latency));
    }

    @Override
    public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
        each(metrics -> metrics.itemCompleted(jobName, shardingItem, executionSource, success, duration));
    }

    @Override
    public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
        each(metrics -> metrics.fireCompleted(jobName, executionSource, success, duration));
    }

    @Override
    public void fireMissed(String jobName, String reason, int items) {
        each(metrics -> metrics.fireMissed(jobName, reason, items));
    }

    @Override
    public void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
        each(metrics -> metrics.itemOverdue(jobName, shardingItem, runningFor));
    }

    @Override
    public void itemRetried(String jobName, int shardingItem, int failedTry, Duration backoff) {
        each(metrics -> metrics.itemRetried(jobName, shardingItem, failedTry, backoff));
    }

    @Override
    public void itemUnowned(String jobName, int shardingItem, Duration unownedFor) {
        each(metrics -> metrics.itemUnowned(jobName, shardingItem, unownedFor));
    }

    private void each(java.util.function.Consumer<JobMetrics> call) {
        Delegates.callEach(delegates, call);
    }

    @Override
    public String toString() {
        return "CompositeJobMetrics" + delegates;
    }
}
