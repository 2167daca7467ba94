package io.cronshard.api;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What one execution of one sharding item knows about itself. Immutable.
 */
public final class ShardingContext {

    private final String jobName;
    private final String taskId;
    private final int shardingTotalCount;
    private final String jobParameter;
    private final int shardingItem;
    private final String shardingParameter;
    private final long fencingToken;
    private final BooleanSupplier ownership;

    /**
     * Creates a context that reports its item as always owned; the runtime passes a live check.
     *
     * @param jobName the job
     * @param taskId the id of this run, unique per fire
     * @param shardingTotalCount how many items the job has
     * @param jobParameter the job's parameter, may be empty
     * @param shardingItem this item
     * @param shardingParameter this item's parameter from {@code shardingItemParameters}, may be empty
     * @param fencingToken see {@link #getFencingToken()}
     */
    public ShardingContext(String jobName, String taskId, int shardingTotalCount, String jobParameter,
                           int shardingItem, String shardingParameter, long fencingToken) {
        this(jobName, taskId, shardingTotalCount, jobParameter, shardingItem, shardingParameter, fencingToken, () -> true);
    }

    /**
     * Creates a context with a check of whether this instance still owns the item.
     *
     * @param jobName the job
     * @param taskId the id of this run, unique per fire
     * @param shardingTotalCount how many items the job has
     * @param jobParameter the job's parameter, may be empty
     * @param shardingItem this item
     * @param shardingParameter this item's parameter from {@code shardingItemParameters}, may be empty
     * @param fencingToken see {@link #getFencingToken()}
     * @param ownership answers {@link #isItemStillOwned()}
     */
    public ShardingContext(String jobName, String taskId, int shardingTotalCount, String jobParameter,
                           int shardingItem, String shardingParameter, long fencingToken, BooleanSupplier ownership) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.shardingTotalCount = shardingTotalCount;
        this.jobParameter = jobParameter == null ? "" : jobParameter;
        this.shardingItem = shardingItem;
        this.shardingParameter = shardingParameter == null ? "" : shardingParameter;
        this.fencingToken = fencingToken;
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    /** @return the job's name */
    public String getJobName() {
        return jobName;
    }

    /** @return the id of this run: unique per fire and instance */
    public String getTaskId() {
        return taskId;
    }

    /** @return how many sharding items the job has */
    public int getShardingTotalCount() {
        return shardingTotalCount;
    }

    /** @return the job's parameter ({@code jobParameter}), empty when unset */
    public String getJobParameter() {
        return jobParameter;
    }

    /** @return the item this execution runs, in {@code 0..shardingTotalCount-1} */
    public int getShardingItem() {
        return shardingItem;
    }

    /** @return this item's parameter from {@code shardingItemParameters}, empty when unset */
    public String getShardingParameter() {
        return shardingParameter;
    }

    /**
     * A number that grows every time the item changes hands or starts, taken from ZooKeeper's
     * transaction ids at no extra cost. A data store that remembers the highest token it has
     * seen for an item can refuse writes carrying a smaller one: they come from a stale owner.
     *
     * @return the fencing token of this execution
     */
    public long getFencingToken() {
        return fencingToken;
    }

    /**
     * Whether this instance still owns the item: false once the instance has lost contact with
     * ZooKeeper, is shutting down, or the item was given to another instance. Long-running
     * bodies should check it between units of work and stop when it turns false.
     *
     * @return true while the item is still this instance's to run
     */
    public boolean isItemStillOwned() {
        return ownership.getAsBoolean();
    }

    @Override
    public String toString() {
        return "ShardingContext{jobName=" + jobName + ", taskId=" + taskId + ", shardingTotalCount=" + shardingTotalCount
                + ", jobParameter=" + jobParameter + ", shardingItem=" + shardingItem
                + ", shardingParameter=" + shardingParameter + ", fencingToken=" + fencingToken + '}';
    }
}
