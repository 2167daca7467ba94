package io.cronshard.internal.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one job's coordination tasks one at a time, in order, on a shared pool, so that a job's
 * reactions never race each other and many jobs share two threads.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor pool;
    private final String name;
    private boolean active;

    public SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!active) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        Runnable next = tasks.poll();
        active = next != null;
        if (next == null) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    next.run();
                } catch (RuntimeException ex) {
                    LOG.error("Coordination task of job '{}' failed", name, ex);
                } finally {
                    scheduleNext();
                }
            });
        } catch (RejectedExecutionException ex) {
            LOG.debug("Coordination of job '{}' stopped; dropping queued tasks", name);
            tasks.clear();
            active = false;
        }
    }
}
