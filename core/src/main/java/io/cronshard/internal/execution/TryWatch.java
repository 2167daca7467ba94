package io.cronshard.internal.execution;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.OverdueNode;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times one try of an item's body on the runtime's item timer. With {@code itemTimeoutMillis}: when
 * the body runs longer, its thread is interrupted and the try counts as failed; a body still
 * running {@value #OVERDUE_GRACE_MILLIS} ms later ignores the interrupt and is overdue. Without a
 * timeout, a body is overdue once it runs several times its usual duration. An overdue item is
 * reported once per try — a WARN line, the job's signals, and an ephemeral
 * {@code sharding/{item}/overdue} mark for operators, deleted when the body returns — and keeps its
 * item until the body returns: nothing ever overlaps it.
 */
final class TryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(TryWatch.class);
    /** How long a body may take to honour the interrupt of its timeout before it is overdue. */
    static final long OVERDUE_GRACE_MILLIS = 1_000L;

    private final FireContext context;
    private final MarkOps ops;
    private final ZooKeeper handle;
    private final int item;
    private final long timeoutMillis;
    private final long usualOverdueMillis;
    private Thread thread;
    private boolean running;
    private boolean timedOut;
    private boolean overdue;
    private long startNanos;
    private ScheduledFuture<?> timer;

    /**
     * @param context the fire's context (its timers and signals)
     * @param ops builds the overdue mark's operations
     * @param handle the session the item started in, null when it has none
     * @param item the item
     * @param timeoutMillis the job's {@code itemTimeoutMillis}, 0 for none
     * @param usualOverdueMillis after how long the item is overdue by its usual duration, -1 when unknown
     */
    TryWatch(FireContext context, MarkOps ops, ZooKeeper handle, int item, long timeoutMillis, long usualOverdueMillis) {
        this.context = context;
        this.ops = ops;
        this.handle = handle;
        this.item = item;
        this.timeoutMillis = timeoutMillis;
        this.usualOverdueMillis = usualOverdueMillis;
    }

    /** The body starts now on {@code body}. */
    synchronized void start(Thread body) {
        thread = body;
        running = true;
        startNanos = System.nanoTime();
        if (timeoutMillis > 0) {
            timer = schedule(this::timeUp, timeoutMillis);
        } else if (usualOverdueMillis >= 0) {
            timer = schedule(() -> overdue("USUAL_DURATION"), usualOverdueMillis);
        }
    }

    /** The body returned (or threw): nothing is interrupted after this. */
    void end() {
        boolean wasOverdue;
        synchronized (this) {
            running = false;
            if (timer != null) {
                timer.cancel(false);
            }
            wasOverdue = overdue;
        }
        if (wasOverdue && handle != null) {
            LOG.info("Job '{}' item {} returned after {} ms", context.scope().jobName(), item, elapsedMillis());
            try {
                handle.multi(List.of(ops.delete(JobNodePaths.itemOverdue(item), -1)), (rc, path, ctx, results) -> { }, null);
            } catch (RuntimeException ex) {
                LOG.debug("Cannot clear the overdue mark of item {}", item, ex);
            }
        }
    }

    /** @return whether the try ran past its timeout */
    synchronized boolean timedOut() {
        return timedOut;
    }

    /**
     * @param thrown what the body threw after its timeout, null when it returned
     * @return the failure the try is recorded with
     */
    Throwable timeout(Throwable thrown) {
        TimeoutException result = new TimeoutException("Job '" + context.scope().jobName() + "' item " + item + " ran longer than its timeout of "
                + timeoutMillis + " ms (itemTimeoutMillis) and was interrupted");
        if (thrown != null) {
            result.initCause(thrown);
        }
        return result;
    }

    private void timeUp() {
        synchronized (this) {
            if (!running) {
                return;
            }
            timedOut = true;
            thread.interrupt();
            timer = schedule(() -> overdue("TIMEOUT"), OVERDUE_GRACE_MILLIS);
        }
    }

    private void overdue(String reason) {
        long runningFor;
        synchronized (this) {
            if (!running || overdue) {
                return;
            }
            overdue = true;
            runningFor = elapsedMillis();
        }
        String jobName = context.scope().jobName();
        if ("TIMEOUT".equals(reason)) {
            LOG.warn("Job '{}' item {} has run {} ms, past its timeout of {} ms, and ignores the interrupt; it keeps the item until it returns",
                    jobName, item, runningFor, timeoutMillis);
        } else {
            LOG.warn("Job '{}' item {} has run {} ms, far past its usual duration (overdue after {} ms)", jobName, item, runningFor,
                    usualOverdueMillis);
        }
        context.signals().itemOverdue(item, reason, Duration.ofMillis(runningFor));
        if (handle != null) {
            byte[] data = new OverdueNode(context.scope().instanceId(), reason, System.currentTimeMillis() - runningFor).toBytes();
            try {
                handle.multi(List.of(ops.createEphemeral(JobNodePaths.itemOverdue(item), data)), (rc, path, ctx, results) -> { }, null);
            } catch (RuntimeException ex) {
                LOG.debug("Cannot mark item {} of job '{}' overdue", item, jobName, ex);
            }
        }
    }

    private synchronized long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return context.timers().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            return null;
        }
    }
}
