package io.cronshard.internal.execution;

import io.cronshard.api.DataflowJob;
import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.executor.TypedJobItemExecutor;
import io.cronshard.internal.common.Types;

/**
 * Runs a job's body for one item: the seam between the runtime and the job types.
 */
public interface ItemRunner {

    /**
     * @param context the item
     * @param config the configuration the job runs with now
     * @throws Exception the body's failure
     */
    void run(ShardingContext context, JobConfiguration config) throws Exception;

    /**
     * Refuses a configuration this runner cannot run with, before anything is written.
     *
     * @param config a configuration
     * @throws JobConfigurationException naming the field or property
     */
    default void validate(JobConfiguration config) {
    }

    /**
     * @param job the user's job
     * @return a runner for it
     * @throws JobConfigurationException when the job's type is not supported
     */
    static ItemRunner of(Job job) {
        if (job instanceof SimpleJob simple) {
            return (context, config) -> simple.execute(context);
        }
        if (job instanceof DataflowJob<?> dataflow) {
            return new DataflowRunner<>(dataflow);
        }
        throw new JobConfigurationException("Unsupported job class " + (job == null ? "null" : job.getClass().getName())
                + ": a job must implement SimpleJob or DataflowJob");
    }

    /**
     * @param jobType a job type name ({@code SCRIPT}, {@code HTTP}, or one found through {@link java.util.ServiceLoader})
     * @return a runner for it
     * @throws JobConfigurationException when the type is unknown, listing the known ones
     */
    static ItemRunner of(String jobType) {
        TypedJobItemExecutor executor = Types.require(TypedJobItemExecutor.class, jobType, "jobType");
        return new ItemRunner() {
            @Override
            public void run(ShardingContext context, JobConfiguration config) throws Exception {
                executor.execute(config, context);
            }

            @Override
            public void validate(JobConfiguration config) {
                executor.validate(config);
            }
        };
    }
}
