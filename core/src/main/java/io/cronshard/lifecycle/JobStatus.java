package io.cronshard.lifecycle;

/** A job's state as the operations API sees it. */
public enum JobStatus {
    /** Configured, enabled, instances running, split complete. */
    OK,
    /** No live instance runs it. */
    CRASHED,
    /** Disabled: the job itself, or every server that has an instance of it. */
    DISABLED,
    /** A resharding is due or under way, or an item has no owner. */
    SHARDING_FLAG
}
