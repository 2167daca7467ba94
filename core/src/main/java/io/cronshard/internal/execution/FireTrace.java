package io.cronshard.internal.execution;

import io.cronshard.internal.common.RateLimitedLog;
import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.events.FireState;
import io.cronshard.internal.events.FireStatusEvent;
import io.cronshard.internal.events.ItemExecutionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns what happens to one fire on this instance into {@link ExecutionObserver} events:
 * STAGING when the executor takes up the decided items, RUNNING when the first of them starts,
 * one item event per body, then FINISHED or ERROR. Every call is guarded: an observer that throws
 * is logged (rate-limited) and the fire goes on. With {@link ExecutionObserver#NONE} it is
 * {@link #NONE} and does nothing.
 */
final class FireTrace {

    private static final Logger LOG = LoggerFactory.getLogger(FireTrace.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 60_000L);
    private static final int CAUSE_IN_MESSAGE = 300;

    /** Traces nothing. */
    static final FireTrace NONE = new FireTrace(ExecutionObserver.NONE, "", "", "", ExecutionSource.NORMAL, 0L, 0L, 0L);

    private final ExecutionObserver observer;
    private final String jobName;
    private final String instanceId;
    private final String ip;
    private final ExecutionSource source;
    private final long decidedMillis;
    private final long decidedNanos;
    private final long plannedMillis;
    private volatile String originalTaskId = "";
    private volatile String taskId = "";
    private volatile List<Integer> dispatched = List.of();
    private volatile List<Integer> notStarted = List.of();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long firstStartNanos;
    private volatile long latencyNanos = -1L;
    private final Map<Integer, long[]> starts = new ConcurrentHashMap<>();
    private final Set<Integer> ran = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Throwable> failures = new ConcurrentSkipListMap<>();

    private FireTrace(ExecutionObserver observer, String jobName, String instanceId, String ip, ExecutionSource source,
                      long decidedMillis, long decidedNanos, long plannedMillis) {
        this.observer = observer;
        this.jobName = jobName;
        this.instanceId = instanceId;
        this.ip = ip;
        this.source = source;
        this.decidedMillis = decidedMillis;
        this.decidedNanos = decidedNanos;
        this.plannedMillis = plannedMillis;
    }

    /**
     * A fire decided to start items; call on the deciding thread.
     *
     * @param observer the job's observer
     * @param jobName the job
     * @param instanceId this instance
     * @param ip this instance's server ip
     * @param source why the fire runs
     * @param scheduledFireMillis when the scheduler meant the fire to happen, 0 when unknown (not a cron fire)
     * @return a trace of the fire, {@link #NONE} when nothing observes
     */
    static FireTrace decided(ExecutionObserver observer, String jobName, String instanceId, String ip, ExecutionSource source,
                             long scheduledFireMillis) {
        if (observer == null || observer == ExecutionObserver.NONE) {
            return NONE;
        }
        long now = System.currentTimeMillis();
        long planned = scheduledFireMillis > 0L && scheduledFireMillis <= now ? scheduledFireMillis : now;
        return new FireTrace(observer, jobName, instanceId, ip == null ? "" : ip, source, now, System.nanoTime(), planned);
    }

    /** @return whether anything observes this fire */
    boolean isActive() {
        return this != NONE;
    }

    /**
     * The executor took up the decided items.
     *
     * @param stagedTaskId the task id of the decided items
     * @param items the decided items
     */
    void staging(String stagedTaskId, List<Integer> items) {
        if (!isActive()) {
            return;
        }
        originalTaskId = stagedTaskId;
        taskId = stagedTaskId;
        status(FireState.STAGING, List.copyOf(items), "Staging items " + items, decidedMillis, -1L);
    }

    /**
     * None of the decided items started.
     *
     * @param items the decided items
     * @param failure why, when marking them in ZooKeeper failed; null when they run elsewhere, changed
     *                hands or this instance may not start items now
     */
    void notStarted(List<Integer> items, Exception failure) {
        if (!isActive()) {
            return;
        }
        if (failure == null) {
            status(FireState.FINISHED, List.copyOf(items), "No item started: items " + items
                    + " run elsewhere, changed hands, or this instance may not start items now", System.currentTimeMillis(), -1L);
        } else {
            status(FireState.ERROR, List.copyOf(items), "No item started: marking items " + items + " as running in ZooKeeper failed: "
                    + abbreviate(String.valueOf(failure)), System.currentTimeMillis(), -1L);
        }
    }

    /**
     * The started items are about to be handed to the executor, one task each.
     *
     * @param startedTaskId their task id
     * @param started the items that start
     * @param skipped decided items that did not start (running elsewhere or changed hands)
     */
    void dispatching(String startedTaskId, List<Integer> started, List<Integer> skipped) {
        if (!isActive()) {
            return;
        }
        taskId = startedTaskId;
        dispatched = List.copyOf(started);
        notStarted = List.copyOf(skipped);
    }

    /**
     * An item's body starts now, on this thread.
     *
     * @param item the item
     */
    void itemStarted(int item) {
        if (!isActive()) {
            return;
        }
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        starts.put(item, new long[] {millis, nanos});
        if (running.compareAndSet(false, true)) {
            firstStartNanos = nanos;
            latencyNanos = Math.max(0L, TimeUnit.MILLISECONDS.toNanos(decidedMillis - plannedMillis) + (nanos - decidedNanos));
            List<Integer> skipped = notStarted;
            status(FireState.RUNNING, dispatched, "Running items " + dispatched
                    + (skipped.isEmpty() ? "" : "; not started (running elsewhere or changed hands): " + skipped), millis, -1L);
        }
    }

    /**
     * A try of an item's body ended, on the thread that ran it.
     *
     * @param item the item
     * @param failure what it threw (or why it counts as failed: a timeout), null when it returned normally
     * @param tryNumber which try, from 1
     */
    void itemEnded(int item, Throwable failure, int tryNumber) {
        if (!isActive()) {
            return;
        }
        long[] start = starts.get(item);
        if (start == null) {
            return;
        }
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        ran.add(item);
        try {
            observer.itemExecuted(new ItemExecutionEvent(jobName, taskId, item, instanceId, ip, source, start[0], Math.max(start[0], millis),
                    nanos - start[1], failure == null, failure, tryNumber));
        } catch (RuntimeException | LinkageError ex) {
            FAILURES.warn("Job '{}': recording the execution of item {} failed: {}", jobName, item, ex);
        }
    }

    /**
     * An item's execution failed: its last try failed, or its tries were cut short.
     *
     * @param item the item
     * @param failure what its last try threw
     */
    void itemFailed(int item, Throwable failure) {
        if (isActive() && failure != null) {
            failures.put(item, failure);
        }
    }

    /** Every dispatched item ended (or was not run). */
    void ended() {
        if (!isActive()) {
            return;
        }
        List<Integer> notRun = new ArrayList<>();
        for (Integer item : dispatched) {
            if (!ran.contains(item)) {
                notRun.add(item);
            }
        }
        long duration = running.get() ? System.nanoTime() - firstStartNanos : -1L;
        if (failures.isEmpty() && notRun.isEmpty()) {
            status(FireState.FINISHED, dispatched, "Finished items " + dispatched, System.currentTimeMillis(), duration);
            return;
        }
        StringBuilder message = new StringBuilder();
        if (!failures.isEmpty()) {
            Map.Entry<Integer, Throwable> first = failures.entrySet().iterator().next();
            message.append("Failed items ").append(new ArrayList<>(failures.keySet())).append(" of ").append(dispatched)
                    .append("; item ").append(first.getKey()).append(": ").append(abbreviate(String.valueOf(first.getValue())));
        }
        if (!notRun.isEmpty()) {
            message.append(message.length() == 0 ? "" : "; ").append("Items not run ").append(notRun)
                    .append(" (shutting down, or no contact with ZooKeeper)");
        }
        status(FireState.ERROR, dispatched, message.toString(), System.currentTimeMillis(), duration);
    }

    private void status(FireState state, List<Integer> items, String message, long timeMillis, long durationNanos) {
        try {
            observer.fireStatusChanged(new FireStatusEvent(jobName, originalTaskId, taskId, instanceId, ip, items, source, state, message,
                    timeMillis, state == FireState.STAGING ? -1L : latencyNanos, durationNanos));
        } catch (RuntimeException | LinkageError ex) {
            FAILURES.warn("Job '{}': recording state {} of a fire failed: {}", jobName, state, ex);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= CAUSE_IN_MESSAGE ? text : text.substring(0, CAUSE_IN_MESSAGE) + "...";
    }
}
