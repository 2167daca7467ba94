package io.cronshard.internal.events;

import java.util.List;

/**
 * A fire of one job instance changed state.
 *
 * @param jobName the job
 * @param originalTaskId the task id of the items the fire decided to start (its {@link FireState#STAGING} event)
 * @param taskId the task id of the items that started (the one {@code ShardingContext.getTaskId()} returns);
 *               the original one until the items are started
 * @param instanceId this instance
 * @param ip this instance's server ip
 * @param items the items this state is about: decided ones for STAGING, started ones after
 * @param source why the fire runs
 * @param state the new state
 * @param message what happened, for people
 * @param timeMillis when (wall clock)
 * @param latencyNanos from the scheduled fire time (cron fires run directly by the scheduler) or from the
 *                     decision (other fires) to the first item's start; -1 when no item started (yet, for STAGING)
 * @param durationNanos from the first item's start to the end of the last, for FINISHED and ERROR; -1 otherwise
 */
public record FireStatusEvent(String jobName, String originalTaskId, String taskId, String instanceId, String ip, List<Integer> items,
                              ExecutionSource source, FireState state, String message, long timeMillis, long latencyNanos, long durationNanos) {
}
