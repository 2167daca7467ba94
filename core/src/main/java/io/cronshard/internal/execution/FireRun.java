package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.ZooKeeper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One fire on this instance, from the answer to its start to its end: the listeners before, one
 * task per item on the job's executor, then (once the last item ended) the end transaction, the
 * listeners after, and the release of its items. An item counts as running here until every item
 * of its fire has ended.
 */
final class FireRun {

    private final FireContext context;
    private final MarkTransactions marks;
    private final MarkOps ops;
    private final List<Integer> items;
    private final ExecutionSource source;
    private final FireTrace trace;
    private final Consumer<FireRecord> recorder;
    private final FireRunner.Events events;
    private final String stagedTaskId;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Integer> succeeded = ConcurrentHashMap.newKeySet();
    private final Map<Integer, FencedCheckpoint> checkpoints = new ConcurrentHashMap<>();
    private final boolean monitored;
    private List<Integer> started = List.of();
    private ShardingContexts contexts;
    private FireRecord record;
    private ZooKeeper handle;

    FireRun(FireContext context, MarkTransactions marks, MarkOps ops, List<Integer> items, ExecutionSource source, FireTrace trace,
            Consumer<FireRecord> recorder, FireRunner.Events events) {
        this.context = context;
        this.marks = marks;
        this.ops = ops;
        this.items = List.copyOf(items);
        this.source = source;
        this.trace = trace;
        this.recorder = recorder;
        this.events = events;
        this.monitored = context.config().get().isMonitorExecution();
        this.stagedTaskId = taskId(this.items);
        trace.staging(stagedTaskId, this.items);
    }

    List<Integer> items() {
        return items;
    }

    /**
     * None of the items started (no contact with ZooKeeper, or it could not be reached).
     *
     * @param failure why, null when this instance may not start items now
     */
    void notStarted(Exception failure) {
        context.running().release(items);
        trace.notStarted(items, failure);
        context.running().fireEnded();
    }

    /** The start was answered: runs the listeners before (on the job's executor, when there are any) and hands out the items. */
    void begin(MarkOutcome outcome, ZooKeeper session) {
        handle = session;
        Map<Integer, Long> tokens = outcome.started();
        started = new ArrayList<>(tokens.keySet());
        List<Integer> notStarted = new ArrayList<>(items);
        notStarted.removeAll(started);
        context.running().release(notStarted);
        if (!outcome.runningElsewhere().isEmpty() && source != ExecutionSource.FAILOVER) {
            events.runningElsewhere(outcome.runningElsewhere(), source);
        }
        if (started.isEmpty()) {
            trace.notStarted(items, outcome.failure());
            context.running().fireEnded();
            return;
        }
        JobConfiguration current = context.config().get();
        String taskId = started.equals(items) ? stagedTaskId : taskId(started);
        Map<Integer, String> parameters = current.getShardingItemParameterMap();
        Map<Integer, String> itemParameters = new LinkedHashMap<>();
        started.forEach(item -> itemParameters.put(item, parameters.getOrDefault(item, "")));
        contexts = new ShardingContexts(taskId, context.scope().jobName(), current.getShardingTotalCount(), current.getJobParameter(),
                itemParameters, source.name());
        context.listeners().before(contexts, () -> enabledItems(current));
        trace.dispatching(taskId, started, notStarted);
        record = new FireRecord(source, started);
        recorder.accept(record);
        open.set(started.size());
        ItemBody body = new ItemBody(context, source, trace);
        for (Integer item : started) {
            // the execution owns its item only as long as the session it started in lives
            BooleanSupplier owned = () -> body.stillOwned(item, session);
            FencedCheckpoint checkpoint = new FencedCheckpoint(ops, handle, context.scope().jobName(), context.scope().instanceId(), item,
                    tokens.get(item), fence(item), owned);
            checkpoints.put(item, checkpoint);
            ShardingContext itemContext = new ShardingContext(context.scope().jobName(), taskId, current.getShardingTotalCount(),
                    current.getJobParameter(), item, itemParameters.get(item), tokens.get(item), owned, checkpoint);
            new ItemTries(context, body, trace, record, ops, handle, itemContext, success -> itemDone(item, success)).start();
        }
    }

    /**
     * @return the node that proves this execution still owns the item, checked with every checkpoint
     *         save: its failover mark or running mark (ephemeral, of the session the item started in), or
     *         else the {@code instance} node at the version that gave the item to this instance
     */
    private FencedCheckpoint.Fence fence(int item) {
        if (source == ExecutionSource.FAILOVER) {
            return new FencedCheckpoint.Fence(JobNodePaths.itemFailover(item), -1);
        }
        if (monitored) {
            return new FencedCheckpoint.Fence(JobNodePaths.itemRunning(item), -1);
        }
        CachedNode owner = context.scope().cache().get(JobNodePaths.itemInstance(item));
        return new FencedCheckpoint.Fence(JobNodePaths.itemInstance(item), owner == null ? Integer.MAX_VALUE : owner.version());
    }

    /**
     * The job's executor refused the fire (the instance is shutting down): items that started are
     * ended without running.
     */
    void abandon(MarkOutcome outcome, ZooKeeper session) {
        handle = session;
        started = new ArrayList<>(outcome.started().keySet());
        context.running().release(items);
        trace.notStarted(items, null);
        endMarks(context.running()::fireEnded);
    }

    private void itemDone(int item, boolean success) {
        if (success) {
            succeeded.add(item);
        }
        if (open.decrementAndGet() == 0) {
            trace.ended();
            record.ended();
            clearCheckpoints(() -> endMarks(this::afterOnLane));
        }
    }

    /** The checkpoints of items that completed normally are cleared (unless the job keeps them), fenced, before their marks go. */
    private void clearCheckpoints(Runnable then) {
        List<FencedCheckpoint.Fence> fences = new ArrayList<>();
        List<Integer> cleared = new ArrayList<>();
        if (handle != null && !context.config().get().isKeepCheckpointOnSuccess()) {
            for (Integer item : succeeded) {
                FencedCheckpoint checkpoint = checkpoints.get(item);
                if (checkpoint != null && (checkpoint.knownToExist() || context.scope().cache().exists(JobNodePaths.itemCheckpoint(item)))) {
                    cleared.add(item);
                    fences.add(checkpoint.fence());
                }
            }
        }
        if (cleared.isEmpty()) {
            then.run();
        } else {
            marks.clearCheckpoints(handle, cleared, fences, then);
        }
    }

    private void endMarks(Runnable then) {
        boolean failover = source == ExecutionSource.FAILOVER;
        if (handle != null && !started.isEmpty() && (monitored || failover)) {
            marks.end(handle, started, monitored, failover, then);
        } else {
            then.run();
        }
    }

    /** Possibly on the ZooKeeper event thread: the listeners after run on the job's executor (when there are any). */
    private void afterOnLane() {
        if (context.listeners().isEmpty()) {
            after();
            return;
        }
        try {
            context.lane().execute(this::after);
        } catch (RejectedExecutionException shutDown) {
            after();
        }
    }

    private void after() {
        try {
            context.listeners().after(contexts, () -> enabledItems(context.config().get()));
        } finally {
            context.running().release(started);
            context.running().fireEnded();
            events.ended(started);
        }
    }

    /** @return how many items a fire runs across all instances: the enabled ones */
    private int enabledItems(JobConfiguration current) {
        int result = 0;
        for (int item = 0; item < current.getShardingTotalCount(); item++) {
            if (!context.scope().cache().exists(JobNodePaths.itemDisabled(item))) {
                result++;
            }
        }
        return result;
    }

    private String taskId(List<Integer> taskItems) {
        StringBuilder result = new StringBuilder(context.scope().jobName()).append("@-@");
        for (int i = 0; i < taskItems.size(); i++) {
            result.append(i == 0 ? "" : ",").append(taskItems.get(i));
        }
        return result.append("@-@").append(source.name()).append("@-@").append(context.scope().instanceId()).append("@-@")
                .append(Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)).toString();
    }
}
