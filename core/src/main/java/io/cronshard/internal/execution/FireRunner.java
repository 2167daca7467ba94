package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts the items a fire decided to run on this instance, and hands each started fire to a
 * {@link FireRun}. Never blocks: the start transaction is sent asynchronously (with
 * {@code monitorExecution}: one transaction to start, one to end, shared with the jobs that fire at
 * the same moment ({@link MultiBatcher}); without it, none), and its answer
 * is handed to the job's executor, where listeners and item bodies run. An item starts only once
 * ZooKeeper has accepted its start.
 */
public final class FireRunner {

    /** What the fire path learns back from a run. */
    public interface Events {

        /**
         * Items did not start because they still run elsewhere (their {@code running} mark exists).
         *
         * @param items the items
         * @param source why the fire ran
         */
        void runningElsewhere(List<Integer> items, ExecutionSource source);

        /**
         * A fire's items ended here and their marks are cleared.
         *
         * @param items the items
         */
        void ended(List<Integer> items);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FireRunner.class);

    private final FireContext context;
    private final MarkOps ops;
    private final MarkTransactions marks;
    private final ExecutionObserver observer;
    private final String serverIp;
    private final Events events;
    private volatile FireRecord lastFire;

    /**
     * @param context what every fire runs with
     * @param observer sees each fire's states and each item's execution (event tracing, metrics)
     * @param serverIp this instance's server ip, for the observer
     * @param stale where marks in doubt go
     * @param events what the fire path learns back
     */
    public FireRunner(FireContext context, ExecutionObserver observer, String serverIp, StaleMarks stale, Events events) {
        this.context = context;
        this.ops = new MarkOps(context.scope());
        this.marks = new MarkTransactions(context.scope(), ops, stale, context.batcher());
        this.observer = observer == null ? ExecutionObserver.NONE : observer;
        this.serverIp = serverIp;
        this.events = events;
    }

    /**
     * Reads what the start transactions need once (the ACL of marks), off the fire path.
     *
     * @throws Exception when ZooKeeper cannot be read
     */
    public void prepare() throws Exception {
        ops.loadAcl();
    }

    /**
     * Starts items already {@link RunningItems#reserve reserved} for this fire; never blocks.
     *
     * @param items the items
     * @param source why the fire runs
     * @param plannedMillis when the cron meant the fire to happen, 0 when it is not a cron fire
     */
    public void start(List<Integer> items, ExecutionSource source, long plannedMillis) {
        JobScope scope = context.scope();
        FireTrace trace = FireTrace.decided(observer, scope.jobName(), scope.instanceId(), serverIp, source, plannedMillis);
        FireRun run = new FireRun(context, marks, ops, items, source, trace, this::record, events);
        JobConfiguration current = context.config().get();
        ZooKeeper handle;
        try {
            handle = ops.handle();
        } catch (Exception ex) {
            run.notStarted(ex);
            return;
        }
        if (!context.mayStart().getAsBoolean()) {
            run.notStarted(null);
        } else if (source == ExecutionSource.FAILOVER) {
            marks.claim(handle, items, current.isMonitorExecution(), outcome -> handOver(run, outcome, handle));
        } else if (current.isMonitorExecution()) {
            marks.start(handle, owned(items), outcome -> handOver(run, outcome, handle));
        } else {
            // no marks: the token is the zxid that last gave the item to this instance
            MarkOutcome outcome = new MarkOutcome();
            for (Integer item : owned(items)) {
                CachedNode owner = scope.cache().get(JobNodePaths.itemInstance(item));
                outcome.started(item, owner == null || owner.getStat() == null ? 0L : owner.getStat().getMzxid());
            }
            handOver(run, outcome, handle);
        }
    }

    /** @return the last fire that ran items here, null before the first */
    public FireRecord lastFire() {
        return lastFire;
    }

    private void record(FireRecord fire) {
        lastFire = fire;
    }

    private List<Integer> owned(List<Integer> items) {
        List<Integer> result = new ArrayList<>(items.size());
        for (Integer item : items) {
            if (context.scope().ownsItem(item)) {
                result.add(item);
            }
        }
        return result;
    }

    /**
     * On the ZooKeeper event thread: the rest of the fire runs on the job's executor — at once here
     * when the job has no listener, since then nothing before the items can block (one hand-over
     * fewer per fire, and so fewer threads when many jobs fire together).
     */
    private void handOver(FireRun run, MarkOutcome outcome, ZooKeeper handle) {
        if (outcome.failure() != null && outcome.started().isEmpty()) {
            LOG.warn("Job '{}' did not start items {}: marking them as running in ZooKeeper failed: {}", context.scope().jobName(),
                    run.items(), outcome.failure().toString());
        }
        if (context.listeners().isEmpty()) {
            run.begin(outcome, handle);
            return;
        }
        try {
            context.lane().execute(() -> run.begin(outcome, handle));
        } catch (RejectedExecutionException shuttingDown) {
            run.abandon(outcome, handle);
        }
    }
}
