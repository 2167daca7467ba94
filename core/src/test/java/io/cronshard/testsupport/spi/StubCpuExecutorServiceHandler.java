package io.cronshard.testsupport.spi;

import io.cronshard.executor.JobExecutorServiceHandler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * TEST-ONLY stand-in for the built-in {@code CPU} executor service handler, so that default
 * configurations validate before the real implementation is merged. DELETE this class and its
 * {@code META-INF/services} entry when the real built-in handlers are merged.
 */
public final class StubCpuExecutorServiceHandler implements JobExecutorServiceHandler {

    @Override
    public String getType() {
        return "CPU";
    }

    @Override
    public ExecutorService createExecutorService(String jobName) {
        int threads = Runtime.getRuntime().availableProcessors() * 2;
        ThreadPoolExecutor result = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "stub-cpu-" + jobName));
        result.allowCoreThreadTimeOut(true);
        return result;
    }
}
