package io.cronshard.internal.executor;

import io.cronshard.internal.schedule.SharedScheduler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Executors that start threads on demand and let them go after a minute idle. */
final class ElasticThreadPools {

    static final long KEEP_ALIVE_SECONDS = 60;

    private ElasticThreadPools() {
    }

    static ExecutorService create(String jobName, int threads) {
        ThreadPoolExecutor result = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new SharedScheduler.NamedDaemonThreads("cronshard-" + jobName));
        result.allowCoreThreadTimeOut(true);
        return result;
    }
}
