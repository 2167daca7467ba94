package io.cronshard.internal.execution;

import io.cronshard.api.DataflowJob;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;

import java.util.List;

/**
 * Runs a {@link DataflowJob}: one fetch and one process per fire, or, with the job property
 * {@value #STREAMING}{@code =true}, fetch and process again until a fetch returns nothing —
 * stopping early when the item is no longer this instance's (shut down, disabled, moved, or
 * contact with ZooKeeper lost) or the thread is interrupted.
 *
 * @param <T> the data type
 */
final class DataflowRunner<T> implements ItemRunner {

    /** Job property: keep fetching and processing until a fetch returns nothing. */
    static final String STREAMING = "streaming.process";

    private final DataflowJob<T> job;

    DataflowRunner(DataflowJob<T> job) {
        this.job = job;
    }

    @Override
    public void validate(JobConfiguration config) {
        String streaming = config.getProperty(STREAMING);
        if (streaming != null && !"true".equalsIgnoreCase(streaming.trim()) && !"false".equalsIgnoreCase(streaming.trim())) {
            throw JobConfigurationException.invalid(STREAMING, streaming, "true or false");
        }
    }

    @Override
    public void run(ShardingContext context, JobConfiguration config) throws Exception {
        boolean streaming = "true".equalsIgnoreCase(String.valueOf(config.getProperty(STREAMING)).trim());
        do {
            List<T> data = job.fetchData(context);
            if (data == null || data.isEmpty()) {
                return;
            }
            job.processData(context, data);
        } while (streaming && context.isItemStillOwned() && !Thread.currentThread().isInterrupted());
    }
}
