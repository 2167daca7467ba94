package io.cronshard.tracing;

import java.time.Instant;

/**
 * A row of {@code JOB_EXECUTION_LOG}: one execution of one item on one instance.
 *
 * @param id the row's id (a UUID)
 * @param jobName the job
 * @param taskId the fire's task id, as {@code ShardingContext.getTaskId()} returned it:
 *               {@code job@-@items@-@source@-@instance@-@random}, unique per run
 * @param hostname the host name of the machine that ran it
 * @param ip the server ip of the instance that ran it
 * @param instanceId the instance that ran it
 * @param shardingItem the item
 * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
 * @param failureCause the stack trace of what the body threw, cut to 4000 characters; null on success
 * @param success whether the body returned normally
 * @param startTime when the body started
 * @param completeTime when it ended
 * @param tryNumber which try of the item's execution the row is, from 1: with {@code itemRetries}, a failed
 *                  item runs again as the same execution (same task id), each try a row
 */
public record JobExecutionRecord(String id, String jobName, String taskId, String hostname, String ip, String instanceId,
                                 int shardingItem, String executionSource, String failureCause, boolean success,
                                 Instant startTime, Instant completeTime, int tryNumber) {

    /**
     * A row of a first (or only) try.
     *
     * @param id the row's id (a UUID)
     * @param jobName the job
     * @param taskId the fire's task id
     * @param hostname the host name of the machine that ran it
     * @param ip the server ip of the instance that ran it
     * @param instanceId the instance that ran it
     * @param shardingItem the item
     * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param failureCause the stack trace of what the body threw; null on success
     * @param success whether the body returned normally
     * @param startTime when the body started
     * @param completeTime when it ended
     */
    public JobExecutionRecord(String id, String jobName, String taskId, String hostname, String ip, String instanceId,
                              int shardingItem, String executionSource, String failureCause, boolean success,
                              Instant startTime, Instant completeTime) {
        this(id, jobName, taskId, hostname, ip, instanceId, shardingItem, executionSource, failureCause, success, startTime, completeTime, 1);
    }
}
