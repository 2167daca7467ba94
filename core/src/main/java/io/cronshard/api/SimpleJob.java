package io.cronshard.api;

/**
 * A job whose body runs once per fire for each sharding item owned by this instance.
 *
 * <p>{@link #execute(ShardingContext)} is called on the job's executor, never on a scheduler
 * thread, one call per item; calls for different items of one fire may run concurrently, so an
 * implementation must be thread-safe. An exception thrown here is a failure of that item and is
 * passed to the job's error handler ({@code jobErrorHandlerType}).
 */
public interface SimpleJob extends Job {

    /**
     * Runs the job for one sharding item.
     *
     * @param shardingContext the item, its parameter and the job's parameter
     * @throws Exception any failure of the item
     */
    void execute(ShardingContext shardingContext) throws Exception;
}
