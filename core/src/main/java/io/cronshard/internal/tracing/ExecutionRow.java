package io.cronshard.internal.tracing;

/**
 * A row of {@code JOB_EXECUTION_LOG} waiting to be written, its values already cut to the columns.
 *
 * @param id a UUID
 * @param jobName the job
 * @param taskId the fire's task id
 * @param ip the instance's server ip
 * @param instanceId the instance
 * @param item the sharding item
 * @param source NORMAL, MISFIRE, FAILOVER or MANUAL
 * @param failureCause the stack trace, null on success
 * @param success whether the body returned normally
 * @param startMillis when it started
 * @param completeMillis when it ended
 */
record ExecutionRow(String id, String jobName, String taskId, String ip, String instanceId, int item, String source,
                    String failureCause, boolean success, long startMillis, long completeMillis) {
}
