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
 */
public record ShardingInfo(int item, String serverIp, String instanceId, ShardingStatus status, boolean failover, boolean misfire) {

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
