package io.cronshard.internal.events;

/**
 * One item's body ran on this instance.
 *
 * @param jobName the job
 * @param taskId the fire's task id
 * @param item the sharding item
 * @param instanceId this instance
 * @param ip this instance's server ip
 * @param source why the fire runs
 * @param startMillis when the body started (wall clock)
 * @param endMillis when it ended (wall clock)
 * @param durationNanos how long it ran (monotonic clock)
 * @param success whether it returned normally
 * @param failure what it threw, null on success
 * @param tryNumber which try of the item's execution this was, from 1 ({@code itemRetries} runs a failed
 *                  item again as the same execution: same task id, the next try number)
 */
public record ItemExecutionEvent(String jobName, String taskId, int item, String instanceId, String ip, ExecutionSource source,
                                 long startMillis, long endMillis, long durationNanos, boolean success, Throwable failure, int tryNumber) {
}
