package io.cronshard.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What one execution of one sharding item knows about itself, and the way to its item's
 * checkpoint. Thread-safe; only the checkpoint changes.
 *
 * <p>A long run should learn when to stop in two ways: the interrupt of its thread (on a timeout,
 * a lost session, a shutdown) and {@link #isItemStillOwned()} (also on a re-split or a disable).
 * With a checkpoint it can resume where it stopped, on this instance or another:
 * <pre>{@code
 * public void execute(ShardingContext context) {
 *     String saved = context.getCheckpoint();
 *     long next = saved == null ? 0L : Long.parseLong(saved) + 1;
 *     while (next < total(context.getShardingItem())
 *             && context.isItemStillOwned() && !Thread.currentThread().isInterrupted()) {
 *         process(context.getShardingItem(), next);
 *         context.saveCheckpoint(Long.toString(next++));
 *     }
 * }
 * }</pre>
 */
public final class ShardingContext {

    /** The largest checkpoint, in bytes of UTF-8 (64 KiB). */
    public static final int MAX_CHECKPOINT_BYTES = 65_536;

    private final String jobName;
    private final String taskId;
    private final int shardingTotalCount;
    private final String jobParameter;
    private final int shardingItem;
    private final String shardingParameter;
    private final long fencingToken;
    private final BooleanSupplier ownership;
    private final ItemCheckpoint checkpoint;

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
        this(jobName, taskId, shardingTotalCount, jobParameter, shardingItem, shardingParameter, fencingToken, ownership,
                ItemCheckpoint.inMemory(null));
    }

    /**
     * Creates a context with a check of whether this instance still owns the item and a place for its checkpoint.
     *
     * @param jobName the job
     * @param taskId the id of this run, unique per fire
     * @param shardingTotalCount how many items the job has
     * @param jobParameter the job's parameter, may be empty
     * @param shardingItem this item
     * @param shardingParameter this item's parameter from {@code shardingItemParameters}, may be empty
     * @param fencingToken see {@link #getFencingToken()}
     * @param ownership answers {@link #isItemStillOwned()}
     * @param checkpoint keeps the item's checkpoint ({@link ItemCheckpoint#inMemory(String)} in tests)
     */
    public ShardingContext(String jobName, String taskId, int shardingTotalCount, String jobParameter,
                           int shardingItem, String shardingParameter, long fencingToken, BooleanSupplier ownership,
                           ItemCheckpoint checkpoint) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.shardingTotalCount = shardingTotalCount;
        this.jobParameter = jobParameter == null ? "" : jobParameter;
        this.shardingItem = shardingItem;
        this.shardingParameter = shardingParameter == null ? "" : shardingParameter;
        this.fencingToken = fencingToken;
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
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
     * ZooKeeper, is shutting down, or the item was given to another instance — and for good once
     * the session this execution started in has expired (its marks went with it, and the item may
     * run elsewhere by failover), even if the instance registers again and is given the item back. Long-running
     * bodies should check it between units of work and stop when it turns false.
     *
     * @return true while the item is still this instance's to run
     */
    public boolean isItemStillOwned() {
        return ownership.getAsBoolean();
    }

    /**
     * The item's checkpoint: what a run saved to resume from. At the start of a run it is the one the
     * previous run of the item left — on this instance or, after a failover or a re-split, on another —
     * and after a save in this run, that value. A run that completes normally clears it (unless the
     * job keeps it, {@code keepCheckpointOnSuccess}); a run that fails or is cut short leaves it for
     * the next. Read from ZooKeeper the first time it is asked for in a run.
     *
     * @return the checkpoint, null when there is none
     * @throws IllegalStateException when it cannot be read (no contact with ZooKeeper)
     */
    public String getCheckpoint() {
        return checkpoint.load();
    }

    /**
     * Saves the item's checkpoint, synchronously, in ZooKeeper ({@code sharding/{item}/checkpoint}).
     * Fenced: a save by an instance that no longer owns the item (re-split, failed over, its session
     * lost) is refused and never overwrites the new owner's checkpoint.
     *
     * @param checkpoint what to resume from, at most {@value #MAX_CHECKPOINT_BYTES} bytes of UTF-8
     * @throws IllegalArgumentException when it is null or larger than {@value #MAX_CHECKPOINT_BYTES} bytes
     * @throws IllegalStateException when the save is refused (the item is no longer this instance's) or
     *                               ZooKeeper cannot be reached; the checkpoint stored before stays
     */
    public void saveCheckpoint(String checkpoint) {
        if (checkpoint == null) {
            throw new IllegalArgumentException("Job '" + jobName + "' item " + shardingItem
                    + ": a checkpoint must not be null (a run that completes normally clears it)");
        }
        int bytes = checkpoint.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CHECKPOINT_BYTES) {
            throw new IllegalArgumentException("Job '" + jobName + "' item " + shardingItem + ": a checkpoint of " + bytes
                    + " bytes is too large; at most " + MAX_CHECKPOINT_BYTES + " bytes of UTF-8 (64 KiB) are allowed"
                    + " (see ShardingContext.MAX_CHECKPOINT_BYTES)");
        }
        this.checkpoint.save(checkpoint);
    }

    @Override
    public String toString() {
        return "ShardingContext{jobName=" + jobName + ", taskId=" + taskId + ", shardingTotalCount=" + shardingTotalCount
                + ", jobParameter=" + jobParameter + ", shardingItem=" + shardingItem
                + ", shardingParameter=" + shardingParameter + ", fencingToken=" + fencingToken + '}';
    }
}
