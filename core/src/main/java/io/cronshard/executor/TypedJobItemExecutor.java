package io.cronshard.executor;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;
import io.cronshard.spi.TypedSPI;

/**
 * A job given by type name instead of a {@link io.cronshard.api.Job} instance (built in:
 * {@code SCRIPT}, {@code HTTP}); found through {@link java.util.ServiceLoader} by
 * {@link #getType()} when a bootstrap is built with a job type. One instance serves every item
 * of its job, from several threads at once.
 */
public interface TypedJobItemExecutor extends TypedSPI {

    /**
     * Checks the job's properties ({@link JobConfiguration#getProperty(String)}) before anything
     * is written to ZooKeeper, for the local configuration and again for the one the job runs with.
     *
     * @param config the job's configuration
     * @throws JobConfigurationException naming the property and what it allows
     */
    default void validate(JobConfiguration config) {
    }

    /**
     * Runs one item.
     *
     * @param config the configuration the job runs with now
     * @param context the item
     * @throws Exception the item's failure, handed to the job's error handler
     */
    void execute(JobConfiguration config, ShardingContext context) throws Exception;
}
