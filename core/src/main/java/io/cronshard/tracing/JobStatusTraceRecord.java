package io.cronshard.tracing;

import java.time.Instant;

/**
 * A row of {@code JOB_STATUS_TRACE_LOG}: one state of one fire on one instance.
 *
 * @param id the row's id (a UUID)
 * @param jobName the job
 * @param originalTaskId the task id of the items the fire decided to start (the same in every row of the fire)
 * @param taskId the task id of the items that started (equal to the original one unless some items did not
 *               start); the {@code task_id} of the fire's rows in {@code JOB_EXECUTION_LOG}
 * @param instanceId the instance
 * @param ip its server ip
 * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
 * @param shardingItems the items, comma-separated ("0,1,2"); decided ones for STAGING, started ones after
 * @param state STAGING, RUNNING, FINISHED or ERROR
 * @param message what happened, e.g. which items failed and why
 * @param creationTime when
 */
public record JobStatusTraceRecord(String id, String jobName, String originalTaskId, String taskId, String instanceId, String ip,
                                   String executionSource, String shardingItems, String state, String message, Instant creationTime) {
}
