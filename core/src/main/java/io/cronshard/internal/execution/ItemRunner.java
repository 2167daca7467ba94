package io.cronshard.internal.execution;

import io.cronshard.api.DataflowJob;
import io.cronshard.api.Job;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.List;

/**
 * Runs a job's body for one item: the seam between the runtime and the job types.
 */
@FunctionalInterface
public interface ItemRunner {

    /**
     * @param context the item
     * @throws Exception the body's failure
     */
    void run(ShardingContext context) throws Exception;

    /**
     * @param job the user's job
     * @return a runner for it
     * @throws JobConfigurationException when the job's type is not supported
     */
    static ItemRunner of(Job job) {
        if (job instanceof SimpleJob) {
            return ((SimpleJob) job)::execute;
        }
        if (job instanceof DataflowJob) {
            @SuppressWarnings("unchecked")
            DataflowJob<Object> dataflow = (DataflowJob<Object>) job;
            return context -> {
                List<Object> data = dataflow.fetchData(context);
                if (data != null && !data.isEmpty()) {
                    dataflow.processData(context, data);
                }
            };
        }
        throw new JobConfigurationException("Unsupported job class " + (job == null ? "null" : job.getClass().getName())
                + ": a job must implement SimpleJob or DataflowJob");
    }
}
