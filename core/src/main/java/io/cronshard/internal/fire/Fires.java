package io.cronshard.internal.fire;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.execution.FireRunner;
import io.cronshard.internal.execution.RunningItems;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.signals.JobSignals;
import io.cronshard.internal.signals.MissedReason;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fire path of one job instance: each fire is decided ({@link FireDecision}) on the calling
 * thread — a Quartz thread, or the job's coordination executor — from the cache and local state
 * only, then its items are reserved and handed to the {@link FireRunner}. It holds back fires while
 * the split is being changed, keeps the {@link MisfireBook}, and runs missed fires once their items
 * are free again. It follows, in the cache, the resharding flag (a held-back fire runs when it
 * goes) and the {@code running} marks (a remembered item runs when its previous owner's goes).
 */
public final class Fires implements CacheListener, FireRunner.Events {

    private static final Logger LOG = LoggerFactory.getLogger(Fires.class);

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final String serverIp;
    private final BooleanSupplier mayStart;
    private final BooleanSupplier suspended;
    private final JobSignals signals;
    private final RunningItems running;
    private final MisfireBook misfires = new MisfireBook();
    private final PendingFire pending = new PendingFire();
    private final Executor coordination;
    private final FireRunner runner;

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param serverIp this instance's server
     * @param mayStart false while no item may start (no contact with ZooKeeper, shutting down)
     * @param suspended true while the instance runs without contact with ZooKeeper (its fires are missed)
     * @param signals where missed fires are reported
     * @param running the items running here
     * @param coordination the job's serial coordination executor
     * @param runner makes the runner that starts what this fire path decides, given where it reports back
     */
    public Fires(JobScope scope, Supplier<JobConfiguration> config, String serverIp, BooleanSupplier mayStart, BooleanSupplier suspended,
                 JobSignals signals, RunningItems running, Executor coordination, Function<FireRunner.Events, FireRunner> runner) {
        this.scope = scope;
        this.config = config;
        this.serverIp = serverIp;
        this.mayStart = mayStart;
        this.suspended = suspended;
        this.signals = signals;
        this.running = running;
        this.coordination = coordination;
        this.runner = runner.apply(this);
    }

    /** @return the runner that starts this fire path's items */
    public FireRunner runner() {
        return runner;
    }

    /** @return which cache paths this part follows */
    public static boolean follows(String relative) {
        return relative.equals(JobNodePaths.SHARDING_NECESSARY)
                || relative.startsWith(JobNodePaths.SHARDING + "/") && relative.endsWith("/running");
    }

    /**
     * Decides and dispatches one fire; never blocks.
     *
     * @param source why the job fires
     * @param plannedMillis when the cron meant it to fire, 0 when it is not a cron fire
     */
    public void fire(ExecutionSource source, long plannedMillis) {
        boolean signalled = source == ExecutionSource.NORMAL || source == ExecutionSource.MANUAL;
        if (!mayStart.getAsBoolean()) {
            if (source == ExecutionSource.MANUAL) {
                pending.dispatched(new IllegalStateException("Job '" + scope.jobName()
                        + "' starts no items now: this instance has no contact with ZooKeeper or is shutting down"));
            }
            if (signalled && suspended.getAsBoolean()) {
                signals.fireMissed(MissedReason.SUSPENDED, ownedPerCache());
            }
            return;
        }
        FireDecision decision = FireDecision.decide(scope.cache(), config.get(), scope.instanceId(), serverIp, source,
                new HashSet<>(running.snapshot()), misfires.remembered());
        if (signalled) {
            signals.fireMissed(MissedReason.DISABLED, decision.disabled());
            signals.fireMissed(MissedReason.ITEM_RUNNING, decision.missed());
        }
        switch (decision.verdict()) {
            case DISABLED -> pending.dispatched(null);
            case PENDING -> {
                // not loaded yet, or the split is being changed: run as soon as the leader has written it
                pending.hold(source);
                if (scope.cache().isLoaded() && !scope.cache().exists(JobNodePaths.SHARDING_NECESSARY)) {
                    runPending();
                }
            }
            default -> {
                dispatch(decision, source, plannedMillis);
                if (source == ExecutionSource.MANUAL) {
                    pending.dispatched(null);
                }
            }
        }
    }

    /** Runs the fire held back while the split was not settled, if any. */
    public void runPending() {
        ExecutionSource source = pending.take();
        if (source != null) {
            fire(source, 0L);
        }
    }

    /**
     * Runs, once, the items this instance owns in a split that includes every live instance (a
     * one-off {@code execute()}): first catches up with every change ZooKeeper made before this
     * call (an instance that registered just now is seen), then, when a re-split is due, waits for
     * the leader to write it, as a cron fire does. Returns once the items are handed out.
     *
     * @param timeoutMillis how long to wait for the split to settle
     * @throws IllegalStateException when the split did not settle in time (the run then starts once
     *                               it has), or this instance cannot start items now
     */
    public void runOwnItemsOnce(long timeoutMillis) {
        CompletableFuture<Void> dispatched = new CompletableFuture<>();
        pending.awaitDispatch(dispatched);
        Runnable request = () -> coordination.execute(() -> fire(ExecutionSource.MANUAL, 0L));
        if (scope.cache().isLoaded()) {
            scope.cache().afterCatchUp(request);
        } else {
            request.run();
        }
        try {
            dispatched.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            throw new IllegalStateException("Job '" + scope.jobName() + "': the split was not settled within " + timeoutMillis
                    + " ms (a re-split is due and no leader has written it yet); the run starts once it is", ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while job '" + scope.jobName() + "' waited for its split", ex);
        } finally {
            pending.forget(dispatched);
        }
    }

    private void dispatch(FireDecision decision, ExecutionSource source, long plannedMillis) {
        misfires.remember(decision.remember());
        decision.markMisfire().forEach(this::writeMisfireMark);
        List<Integer> reserved = running.reserve(decision.start(), false);
        if (reserved.size() < decision.start().size() && (source == ExecutionSource.MANUAL || config.get().isMisfire())) {
            // taken by a fire decided at the same moment: this one missed them
            List<Integer> taken = new ArrayList<>(decision.start());
            taken.removeAll(reserved);
            misfires.remember(taken);
        }
        if (reserved.size() < decision.start().size() && source != ExecutionSource.MISFIRE) {
            List<Integer> taken = new ArrayList<>(decision.start());
            taken.removeAll(reserved);
            signals.fireMissed(MissedReason.ITEM_RUNNING, taken);
        }
        if (!reserved.isEmpty()) {
            runner.start(reserved, source, source == ExecutionSource.NORMAL ? plannedMillis : 0L);
        }
    }

    /** @return the items the cache shows as this instance's */
    private List<Integer> ownedPerCache() {
        List<Integer> result = new ArrayList<>();
        for (int item = 0; item < config.get().getShardingTotalCount(); item++) {
            if (scope.ownsItem(item)) {
                result.add(item);
            }
        }
        return result;
    }

    /** Runs items once more that missed a fire and are free now (a make-up run). */
    private void fireMissed(List<Integer> items) {
        if (items.isEmpty() || !mayStart.getAsBoolean()) {
            return;
        }
        FireDecision decision = FireDecision.forItems(scope.cache(), config.get(), items, ExecutionSource.MISFIRE,
                new HashSet<>(running.snapshot()), misfires.remembered());
        dispatch(decision, ExecutionSource.MISFIRE, 0L);
    }

    private void writeMisfireMark(int item) {
        try {
            scope.client().create().inBackground((client, event) -> {
                int rc = event.getResultCode();
                if (rc != KeeperException.Code.OK.intValue() && rc != KeeperException.Code.NODEEXISTS.intValue()) {
                    LOG.debug("Marking misfire of item {} of job '{}' failed: {}", item, scope.jobName(), KeeperException.Code.get(rc));
                }
            }).forPath(scope.paths().full(JobNodePaths.itemMisfire(item)));
        } catch (Exception ex) {
            LOG.debug("Marking misfire of item {} of job '{}' failed", item, scope.jobName(), ex);
        }
    }

    // ------------------------------------------------------------------ what the runner reports

    @Override
    public void runningElsewhere(List<Integer> items, ExecutionSource source) {
        if (source != ExecutionSource.MISFIRE) {
            signals.fireMissed(MissedReason.ITEM_RUNNING, items);
        }
        if (config.get().isMisfire() || source == ExecutionSource.MANUAL) {
            // a manual trigger is made up whatever misfire says, as when the item still runs here
            misfires.remember(items);
        }
    }

    @Override
    public void ended(List<Integer> items) {
        fireMissed(misfires.takeEnded(items, scope::ownsItem));
    }

    // ------------------------------------------------------------------ cache changes (ZooKeeper event thread)

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type != ChangeType.DELETED) {
            return;
        }
        if (relative.equals(JobNodePaths.SHARDING_NECESSARY)) {
            coordination.execute(this::runPending);
        } else {
            int item = JobNodePaths.itemOf(relative);
            coordination.execute(() -> {
                if (misfires.takeReleased(item, running.isRunning(item), scope.ownsItem(item))) {
                    fireMissed(List.of(item));
                }
            });
        }
    }

    @Override
    public void reloaded() {
        if (!scope.cache().exists(JobNodePaths.SHARDING_NECESSARY)) {
            coordination.execute(this::runPending);
        }
    }
}
