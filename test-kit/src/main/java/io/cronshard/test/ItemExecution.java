package io.cronshard.test;

import java.time.Duration;
import java.time.Instant;

/**
 * One execution of one item of a job on one instance, as the test kit recorded it when the item's body ended.
 *
 * @param jobName the job
 * @param instanceId the instance that ran it (e.g. {@code 10.0.0.5@-@4242}); null when not known
 * @param item the sharding item
 * @param executionSource why it ran: {@code NORMAL} (the cron), {@code MISFIRE}, {@code FAILOVER} or {@code MANUAL}
 *                        (a trigger or a one-off run)
 * @param success whether the body returned normally
 * @param duration how long the body ran
 * @param completedAt when it ended
 */
public record ItemExecution(String jobName, String instanceId, int item, String executionSource, boolean success, Duration duration,
                            Instant completedAt) {

    /** @return when it started: {@code completedAt - duration} */
    public Instant startedAt() {
        return completedAt.minus(duration);
    }
}
