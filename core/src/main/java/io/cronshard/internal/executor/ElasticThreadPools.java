package io.cronshard.internal.executor;

import io.cronshard.internal.common.NamedDaemonThreads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's own pool, for a built-in handler called outside Cronshard's runtime (which gives each job
 * a {@link JobLane} over the shared item threads instead): reuses an idle thread before it starts
 * another, starts at most {@code threads}, queues beyond that, and lets a thread go after
 * {@value #KEEP_ALIVE_SECONDS} s idle.
 */
final class ElasticThreadPools {

    static final long KEEP_ALIVE_SECONDS = 5;

    private ElasticThreadPools() {
    }

    static ExecutorService create(String jobName, int threads) {
        return new ElasticPool(Math.max(1, threads), new NamedDaemonThreads("cronshard-" + jobName));
    }

    /**
     * Counts the tasks it holds (running or queued); its queue refuses a task, so that the pool
     * starts a thread, while there are more tasks than threads and the pool may still grow. A
     * plain queue would make the pool start a thread per task up to its core size even with idle
     * threads, or never grow past one with a core size of 0.
     */
    private static final class ElasticPool extends ThreadPoolExecutor {

        private final AtomicInteger held = new AtomicInteger();

        ElasticPool(int threads, java.util.concurrent.ThreadFactory factory) {
            super(0, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new GrowFirstQueue(), factory);
            ((GrowFirstQueue) getQueue()).pool = this;
            setRejectedExecutionHandler((task, pool) -> {
                if (pool.isShutdown() || !((GrowFirstQueue) pool.getQueue()).force(task)) {
                    throw new RejectedExecutionException("The pool is shut down");
                }
            });
        }

        @Override
        public void execute(Runnable command) {
            held.incrementAndGet();
            try {
                super.execute(command);
            } catch (RejectedExecutionException ex) {
                held.decrementAndGet();
                throw ex;
            }
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            held.decrementAndGet();
        }

        boolean shouldGrow() {
            return held.get() > getPoolSize() && getPoolSize() < getMaximumPoolSize();
        }
    }

    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        private transient volatile ElasticPool pool;

        @Override
        public boolean offer(Runnable task) {
            ElasticPool owner = pool;
            return (owner == null || !owner.shouldGrow()) && super.offer(task);
        }

        boolean force(Runnable task) {
            return super.offer(task);
        }
    }
}
