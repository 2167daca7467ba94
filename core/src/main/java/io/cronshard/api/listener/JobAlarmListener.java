package io.cronshard.api.listener;

/**
 * Hears what an operator may want to be woken for, without a metrics system: a fire that missed
 * items, an item running past its timeout or far past its usual duration, an item with no live
 * owner. It gets the same events as the {@code JobMetrics} signals, once each, as a {@link JobAlarm}.
 * Attach one with {@code JobConfiguration.Builder.alarms(…)}; like metrics it is local to this JVM
 * and never stored in ZooKeeper.
 *
 * <pre>{@code
 * JobConfiguration.newBuilder("billing", 4).cron("0 * * * * ?")
 *         .alarms(alarm -> pager.page(alarm.getJobName() + ": " + alarm))
 *         .build();
 * }</pre>
 *
 * <p>Called on a scheduler, executor, timer or ZooKeeper thread, right when the condition is seen:
 * hand the alarm off quickly (no I/O on the calling thread, no waiting). An exception thrown here is
 * logged (at most once a minute) and ignored.
 */
@FunctionalInterface
public interface JobAlarmListener {

    /** Hears nothing. */
    JobAlarmListener NONE = alarm -> { };

    /**
     * @param alarm what happened
     */
    void onAlarm(JobAlarm alarm);
}
