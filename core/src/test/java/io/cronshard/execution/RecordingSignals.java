package io.cronshard.execution;

import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.metrics.JobMetrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a job's metrics and alarm hooks hear, for the execution-control tests. */
final class RecordingSignals implements JobMetrics, JobAlarmListener {

    record Item(int item, boolean success, Duration duration) {
    }

    record Retry(int item, int failedTry, Duration backoff) {
    }

    record Missed(String reason, int items) {
    }

    final List<Item> items = new CopyOnWriteArrayList<>();
    final List<Retry> retries = new CopyOnWriteArrayList<>();
    final List<Missed> missed = new CopyOnWriteArrayList<>();
    final List<Integer> overdue = new CopyOnWriteArrayList<>();
    final List<Integer> unowned = new CopyOnWriteArrayList<>();
    final List<JobAlarm> alarms = new CopyOnWriteArrayList<>();

    @Override
    public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
        items.add(new Item(shardingItem, success, duration));
    }

    @Override
    public void itemRetried(String jobName, int shardingItem, int failedTry, Duration backoff) {
        retries.add(new Retry(shardingItem, failedTry, backoff));
    }

    @Override
    public void fireMissed(String jobName, String reason, int count) {
        missed.add(new Missed(reason, count));
    }

    @Override
    public void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
        overdue.add(shardingItem);
    }

    @Override
    public void itemUnowned(String jobName, int shardingItem, Duration unownedFor) {
        unowned.add(shardingItem);
    }

    @Override
    public void onAlarm(JobAlarm alarm) {
        alarms.add(alarm);
    }

    boolean missedFor(String reason) {
        return missed.stream().anyMatch(each -> each.reason().equals(reason));
    }

    boolean alarmed(JobAlarm.Kind kind, String reason) {
        return alarms.stream().anyMatch(each -> each.getKind() == kind && each.getReason().equals(reason));
    }
}
