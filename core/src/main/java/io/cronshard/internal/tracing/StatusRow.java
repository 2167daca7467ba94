package io.cronshard.internal.tracing;

/**
 * A row of {@code JOB_STATUS_TRACE_LOG} waiting to be written, its values already cut to the columns.
 *
 * @param id a UUID
 * @param jobName the job
 * @param originalTaskId the task id of the decided items
 * @param taskId the task id of the started items
 * @param instanceId the instance
 * @param ip the instance's server ip
 * @param source NORMAL, MISFIRE, FAILOVER or MANUAL
 * @param items the items, comma-separated
 * @param state STAGING, RUNNING, FINISHED or ERROR
 * @param message what happened
 * @param creationMillis when
 */
record StatusRow(String id, String jobName, String originalTaskId, String taskId, String instanceId, String ip, String source,
                 String items, String state, String message, long creationMillis) {
}
