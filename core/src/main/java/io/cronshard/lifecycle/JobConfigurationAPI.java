package io.cronshard.lifecycle;

import io.cronshard.api.JobConfiguration;

/**
 * Reads and changes job configurations in ZooKeeper; running instances apply a change live.
 */
public interface JobConfigurationAPI extends AutoCloseable {

    /**
     * @param jobName the job
     * @return its stored configuration, or null when none is stored
     * @throws io.cronshard.api.JobConfigurationException when the stored one is invalid
     */
    JobConfiguration getJobConfiguration(String jobName);

    /**
     * Stores a configuration (validated by its builder before it gets here): a new cron
     * reschedules, a new {@code shardingTotalCount} reshards, {@code disabled} applies at the next fire.
     *
     * @param jobConfiguration the new configuration
     */
    void updateJobConfiguration(JobConfiguration jobConfiguration);

    /**
     * Removes the stored configuration; running instances keep the one they have.
     *
     * @param jobName the job
     */
    void removeJobConfiguration(String jobName);

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
