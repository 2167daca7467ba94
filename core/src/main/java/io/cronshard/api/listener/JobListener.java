package io.cronshard.api.listener;

/**
 * Called before and after each fire of a job on this instance, on the job's executor (never on a
 * scheduler or ZooKeeper thread). A listener's exception is logged and does not stop the fire.
 * Pass listeners to the bootstrap's constructor.
 */
public interface JobListener {

    /**
     * Called once per fire, before any of its items starts.
     *
     * @param shardingContexts the items this fire runs here
     */
    void beforeJobExecuted(ShardingContexts shardingContexts);

    /**
     * Called once per fire, after every one of its items has ended.
     *
     * @param shardingContexts the items this fire ran here
     */
    void afterJobExecuted(ShardingContexts shardingContexts);
}
