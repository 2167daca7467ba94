package io.cronshard.lifecycle;

/** Switches single sharding items of a job off and on. */
public interface ShardingOperateAPI extends AutoCloseable {

    /**
     * Switches an item off: it does not start until {@link #enable}d (a running execution ends normally).
     *
     * @param jobName the job
     * @param item the item
     */
    void disable(String jobName, int item);

    /**
     * Switches an item on again.
     *
     * @param jobName the job
     * @param item the item
     */
    void enable(String jobName, int item);

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
