package io.cronshard.executor;

import io.cronshard.spi.TypedSPI;

import java.util.concurrent.ExecutorService;

/**
 * Creates the executor a job's items run on. Built-in types: {@code CPU} (default: up to twice
 * the available processors) and {@code SINGLE_THREAD}. The executor should let idle threads go,
 * so that a job that is not running holds no thread; Cronshard shuts it down with the job.
 */
public interface JobExecutorServiceHandler extends TypedSPI {

    /**
     * @param jobName the job, for thread names
     * @return a new executor owned by one instance of the job
     */
    ExecutorService createExecutorService(String jobName);
}
