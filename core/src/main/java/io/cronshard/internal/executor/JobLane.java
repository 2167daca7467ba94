package io.cronshard.internal.executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One job's executor over the JVM's shared item threads: runs at most {@code limit} of the job's
 * tasks at once, queues the rest in order, and holds no thread while the job is idle. A thread
 * that ends a task takes the job's next queued one before it goes back to the pool. While it runs
 * the job's tasks, a thread is named after the job ({@code cronshard-<job>}).
 */
final class JobLane extends AbstractExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(JobLane.class);

    private final Executor threads;
    private final int limit;
    private final String jobName;
    private final String threadName;
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final Set<Thread> running = new HashSet<>();
    private int active;
    private boolean shutdown;

    /**
     * @param threads the shared threads
     * @param limit how many of the job's tasks may run at once, at least 1
     * @param jobName the job, for thread names and messages
     */
    JobLane(Executor threads, int limit, String jobName) {
        this.threads = threads;
        this.limit = Math.max(1, limit);
        this.jobName = jobName;
        this.threadName = "cronshard-" + jobName;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("The executor of job '" + jobName + "' is shut down");
            }
            if (active >= limit) {
                queued.addLast(task);
                return;
            }
            active++;
        }
        try {
            threads.execute(() -> runFrom(task));
        } catch (RejectedExecutionException ex) {
            synchronized (this) {
                active--;
                notifyAll();
            }
            throw ex;
        }
    }

    private void runFrom(Runnable first) {
        Thread thread = Thread.currentThread();
        String pooledName = thread.getName();
        thread.setName(threadName);
        try {
            Runnable task = first;
            while (task != null) {
                synchronized (this) {
                    running.add(thread);
                }
                try {
                    task.run();
                } catch (RuntimeException | Error ex) {
                    LOG.error("A task of job '{}' failed", jobName, ex);
                } finally {
                    synchronized (this) {
                        running.remove(thread);
                    }
                    // an interrupt meant for this task must not reach the next one, or the pool
                    Thread.interrupted();
                }
                synchronized (this) {
                    task = queued.pollFirst();
                    if (task == null) {
                        active--;
                        notifyAll();
                    }
                }
            }
        } finally {
            thread.setName(pooledName);
        }
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        notifyAll();
    }

    @Override
    public List<Runnable> shutdownNow() {
        synchronized (this) {
            shutdown = true;
            List<Runnable> notRun = new ArrayList<>(queued);
            queued.clear();
            running.forEach(Thread::interrupt);
            notifyAll();
            return notRun;
        }
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && active == 0;
    }

    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String toString() {
        return "JobLane{" + jobName + ", limit=" + limit + '}';
    }
}
