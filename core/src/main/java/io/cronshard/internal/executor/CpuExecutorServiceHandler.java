package io.cronshard.internal.executor;

import io.cronshard.executor.JobExecutorServiceHandler;

import java.util.concurrent.ExecutorService;

/** {@code CPU}, the default: up to twice the available processors, threads only while items run. */
public final class CpuExecutorServiceHandler implements JobExecutorServiceHandler {

    @Override
    public String getType() {
        return "CPU";
    }

    @Override
    public ExecutorService createExecutorService(String jobName) {
        return ElasticThreadPools.create(jobName, Runtime.getRuntime().availableProcessors() * 2);
    }
}
