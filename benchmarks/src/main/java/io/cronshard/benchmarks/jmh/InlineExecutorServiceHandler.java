package io.cronshard.benchmarks.jmh;

import io.cronshard.executor.JobExecutorServiceHandler;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code INLINE}: runs every task on the calling thread. Used only by {@link FirePathBenchmark},
 * so that one call of the fire path decides, dispatches, runs the (empty) bodies and ends the
 * fire before it returns, and a benchmark operation is one whole fire with no thread hand-off.
 * Registered in {@code META-INF/services/io.cronshard.executor.JobExecutorServiceHandler}.
 */
public final class InlineExecutorServiceHandler implements JobExecutorServiceHandler {

    /** The type name. */
    public static final String TYPE = "INLINE";

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public ExecutorService createExecutorService(String jobName) {
        return new Inline();
    }

    private static final class Inline extends AbstractExecutorService {

        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            if (shutdown) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
