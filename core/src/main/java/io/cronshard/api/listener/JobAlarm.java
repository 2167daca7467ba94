package io.cronshard.api.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One condition a {@link JobAlarmListener} hears of. Immutable.
 */
public final class JobAlarm {

    /** What happened. */
    public enum Kind {
        /**
         * A fire (or a manual trigger) did not start some items it should have run on this instance;
         * {@link #getReason()} says why: {@code ITEM_RUNNING} (the item still ran from an earlier fire or
         * try), {@code NO_OWNER} (the split gave the item to no live instance; seen by the leader),
         * {@code DISABLED} (the job, this server or the item is disabled) or {@code SUSPENDED} (this
         * instance had no contact with ZooKeeper).
         */
        FIRE_MISSED,
        /**
         * An item has run past its timeout ({@code itemTimeoutMillis}, reason {@code TIMEOUT}: its thread
         * was interrupted and it has not returned) or far past its usual duration (reason
         * {@code USUAL_DURATION}); {@link #getDuration()} is how long it has run.
         */
        ITEM_OVERDUE,
        /**
         * An item has had no live owner for longer than the session timeout (seen by the job's leader),
         * reason {@code NO_LIVE_OWNER}; {@link #getDuration()} is for how long.
         */
        ITEM_UNOWNED
    }

    private final String jobName;
    private final Kind kind;
    private final String reason;
    private final List<Integer> items;
    private final Duration duration;
    private final String instanceId;
    private final Instant time;

    /**
     * @param jobName the job
     * @param kind what happened
     * @param reason why (see {@link Kind})
     * @param items the items concerned
     * @param duration how long the condition has lasted, {@link Duration#ZERO} for a missed fire
     * @param instanceId the instance that saw it
     * @param time when it was seen
     */
    public JobAlarm(String jobName, Kind kind, String reason, List<Integer> items, Duration duration, String instanceId, Instant time) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.items = List.copyOf(items);
        this.duration = Objects.requireNonNull(duration, "duration");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** @return the job */
    public String getJobName() {
        return jobName;
    }

    /** @return what happened */
    public Kind getKind() {
        return kind;
    }

    /** @return why, one of the reasons listed at {@link Kind} */
    public String getReason() {
        return reason;
    }

    /** @return the items concerned, ascending */
    public List<Integer> getItems() {
        return items;
    }

    /** @return how long the condition has lasted, zero for a missed fire */
    public Duration getDuration() {
        return duration;
    }

    /** @return the instance that saw it */
    public String getInstanceId() {
        return instanceId;
    }

    /** @return when it was seen */
    public Instant getTime() {
        return time;
    }

    @Override
    public String toString() {
        return kind + " (" + reason + ") of job '" + jobName + "' items " + items
                + (duration.isZero() ? "" : " for " + duration.toMillis() + " ms") + " seen by " + instanceId + " at " + time;
    }
}
