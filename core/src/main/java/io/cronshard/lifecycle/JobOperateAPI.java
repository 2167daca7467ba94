package io.cronshard.lifecycle;

/**
 * Operates jobs through ZooKeeper; the running instances react within moments. A null job name
 * means every job of the namespace; a null server ip means every server of the job.
 */
public interface JobOperateAPI extends AutoCloseable {

    /**
     * Runs the job now on every live instance, each on its own items. An instance still running the
     * job runs it once more right after.
     *
     * @param jobName the job
     */
    void trigger(String jobName);

    /**
     * Disables a server (or all) for the job (or all jobs): its instances stop taking items and the
     * items are split among the others. Survives restarts until {@link #enable}.
     *
     * @param jobName the job, or null for all jobs
     * @param serverIp the server, or null for all servers
     */
    void disable(String jobName, String serverIp);

    /**
     * Enables a server (or all) again.
     *
     * @param jobName the job, or null for all jobs
     * @param serverIp the server, or null for all servers
     */
    void enable(String jobName, String serverIp);

    /**
     * Shuts the job's instances on a server (or all) down: they stop gracefully as if their
     * application had called {@code shutdown()}.
     *
     * @param jobName the job, or null for all jobs
     * @param serverIp the server, or null for all servers
     */
    void shutdown(String jobName, String serverIp);

    /**
     * Shuts down and removes: with a server ip, that server's instances and its server node; without,
     * the whole job from ZooKeeper.
     *
     * @param jobName the job, or null for all jobs
     * @param serverIp the server, or null for the whole job
     */
    void remove(String jobName, String serverIp);

    /**
     * Asks a running instance for its dump (its view of the job next to ZooKeeper's, see
     * {@code ScheduleJobBootstrap#dump()}) through ZooKeeper: writes {@code DUMP} on
     * {@code instances/{id}} and waits for the answer in {@code dumps/{id}}.
     *
     * @param jobName the job
     * @param instanceId the instance
     * @param timeoutMillis how long to wait for the answer
     * @return the dump, or null when the instance does not run or did not answer in time
     */
    String dump(String jobName, String instanceId, long timeoutMillis);

    /**
     * Reads the checkpoint an item's runs saved ({@code ShardingContext.saveCheckpoint}); the next run
     * of the item starts from it.
     *
     * @param jobName the job
     * @param item the item
     * @return the checkpoint, null when the item has none
     */
    CheckpointInfo getCheckpoint(String jobName, int item);

    /**
     * Clears an item's checkpoint, so that its next run starts afresh. A run under way that saves
     * again afterwards stores a new one.
     *
     * @param jobName the job
     * @param item the item
     * @return whether there was one
     */
    boolean clearCheckpoint(String jobName, int item);

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
