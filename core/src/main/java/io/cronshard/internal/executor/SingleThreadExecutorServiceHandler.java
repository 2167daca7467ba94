package io.cronshard.internal.executor;

import io.cronshard.executor.JobExecutorServiceHandler;

import java.util.concurrent.ExecutorService;

/** {@code SINGLE_THREAD}: items run one after another on one thread, kept only while items run. */
public final class SingleThreadExecutorServiceHandler implements JobExecutorServiceHandler {

    @Override
    public String getType() {
        return "SINGLE_THREAD";
    }

    @Override
    public ExecutorService createExecutorService(String jobName) {
        return ElasticThreadPools.create(jobName, 1);
    }
}
