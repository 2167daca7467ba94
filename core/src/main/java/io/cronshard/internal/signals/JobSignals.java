package io.cronshard.internal.signals;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.internal.common.RateLimitedLog;
import io.cronshard.metrics.JobMetrics;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The conditions an operator wants to hear of — a missed fire, an overdue item, an item without a
 * live owner, a retried item — passed to the job's {@link JobMetrics} and {@link JobAlarmListener},
 * each call guarded: a hook that throws is logged (at most once a minute) and the job goes on.
 */
public final class JobSignals {

    private static final RateLimitedLog FAILURES = new RateLimitedLog(LoggerFactory.getLogger(JobSignals.class), 60_000L);

    private final String jobName;
    private final String instanceId;
    private final JobMetrics metrics;
    private final JobAlarmListener alarms;

    /**
     * @param jobName the job
     * @param instanceId this instance
     * @param metrics the job's metrics hook
     * @param alarms the job's alarm hook
     */
    public JobSignals(String jobName, String instanceId, JobMetrics metrics, JobAlarmListener alarms) {
        this.jobName = jobName;
        this.instanceId = instanceId;
        this.metrics = metrics == null ? JobMetrics.NONE : metrics;
        this.alarms = alarms == null ? JobAlarmListener.NONE : alarms;
    }

    /**
     * @param local the configuration given to the bootstrap: metrics and alarms are never in the stored one
     * @param instanceId this instance
     * @return the job's signals
     */
    public static JobSignals of(JobConfiguration local, String instanceId) {
        return new JobSignals(local.getJobName(), instanceId, local.getMetrics(), local.getAlarms());
    }

    /**
     * @param reason why
     * @param items the items that missed the fire; nothing is reported for none
     */
    public void fireMissed(MissedReason reason, List<Integer> items) {
        if (items.isEmpty()) {
            return;
        }
        guarded(() -> metrics.fireMissed(jobName, reason.name(), items.size()));
        alarm(JobAlarm.Kind.FIRE_MISSED, reason.name(), items, Duration.ZERO);
    }

    /**
     * @param item the item
     * @param reason {@code TIMEOUT} or {@code USUAL_DURATION}
     * @param runningFor how long it has run
     */
    public void itemOverdue(int item, String reason, Duration runningFor) {
        guarded(() -> metrics.itemOverdue(jobName, item, runningFor));
        alarm(JobAlarm.Kind.ITEM_OVERDUE, reason, List.of(item), runningFor);
    }

    /**
     * @param item the item
     * @param unownedFor for how long it has had no live owner
     */
    public void itemUnowned(int item, Duration unownedFor) {
        guarded(() -> metrics.itemUnowned(jobName, item, unownedFor));
        alarm(JobAlarm.Kind.ITEM_UNOWNED, "NO_LIVE_OWNER", List.of(item), unownedFor);
    }

    /**
     * @param item the item
     * @param failedTry the try that failed, from 1
     * @param backoff the wait before the next try
     */
    public void itemRetried(int item, int failedTry, Duration backoff) {
        guarded(() -> metrics.itemRetried(jobName, item, failedTry, backoff));
    }

    private void alarm(JobAlarm.Kind kind, String reason, List<Integer> items, Duration duration) {
        if (alarms == JobAlarmListener.NONE) {
            return;
        }
        guarded(() -> alarms.onAlarm(new JobAlarm(jobName, kind, reason, items, duration, instanceId, Instant.now())));
    }

    private void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError ex) {
            FAILURES.warn("Job '{}': a metrics or alarm hook failed: {}", jobName, ex);
        }
    }
}
