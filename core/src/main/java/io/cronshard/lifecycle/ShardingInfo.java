package io.cronshard.lifecycle;

/**
 * One sharding item of a job.
 *
 * @param item the item
 * @param serverIp the owner's ip, empty when it has none
 * @param instanceId the owner, empty when it has none
 * @param status what it is doing
 * @param failover whether it runs on a survivor after its owner crashed
 * @param misfire whether a missed fire waits to be made up
 * @param overdue whether it runs past its timeout or far past its usual duration ({@code sharding/{item}/overdue})
 * @param checkpoint whether a run left a checkpoint the next run resumes from
 */
public record ShardingInfo(int item, String serverIp, String instanceId, ShardingStatus status, boolean failover, boolean misfire,
                           boolean overdue, boolean checkpoint) {

    /**
     * An item neither overdue nor with a checkpoint.
     *
     * @param item the item
     * @param serverIp the owner's ip, empty when it has none
     * @param instanceId the owner, empty when it has none
     * @param status what it is doing
     * @param failover whether it runs on a survivor after its owner crashed
     * @param misfire whether a missed fire waits to be made up
     */
    public ShardingInfo(int item, String serverIp, String instanceId, ShardingStatus status, boolean failover, boolean misfire) {
        this(item, serverIp, instanceId, status, failover, misfire, false, false);
    }

    /** What an item is doing. */
    public enum ShardingStatus {
        /** Running now. */
        RUNNING,
        /** Waiting for its next fire. */
        PENDING,
        /** Switched off by an operator. */
        DISABLED,
        /** Without a live owner: resharding is due. */
        SHARDING_FLAG
    }
}
