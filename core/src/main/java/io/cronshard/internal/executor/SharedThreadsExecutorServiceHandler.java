package io.cronshard.internal.executor;

import io.cronshard.executor.JobExecutorServiceHandler;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * A built-in handler that runs a job's items on the JVM's shared item threads, at most
 * {@link #concurrency()} at once: the job holds no thread of its own, and threads are reused
 * across jobs, so many jobs firing together need only as many threads as items run at the same
 * moment.
 */
public abstract class SharedThreadsExecutorServiceHandler implements JobExecutorServiceHandler {

    /** @return how many of a job's items may run at once */
    protected abstract int concurrency();

    /**
     * @param jobName the job
     * @param sharedThreads the JVM's shared item threads
     * @return the job's executor over them
     */
    public final ExecutorService createExecutorService(String jobName, Executor sharedThreads) {
        return new JobLane(sharedThreads, concurrency(), jobName);
    }

    @Override
    public final ExecutorService createExecutorService(String jobName) {
        return ElasticThreadPools.create(jobName, concurrency());
    }
}
