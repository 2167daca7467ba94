package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.internal.job.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Starts, runs and ends the items of each fire on this instance, and remembers which items run
 * here and which missed a fire.
 *
 * <p>{@link #fire} decides on the caller's thread (a Quartz thread, or the coordination pool)
 * from local state and the cache only; everything that talks to ZooKeeper or runs user code
 * happens on the job's executor. With {@code monitorExecution}, a fire costs one transaction to
 * start (create each item's ephemeral {@code running} mark, checking the version of its
 * {@code instance} node so that an owner that lost the item cannot start it) and one to end
 * (delete the marks); without it, none.
 *
 * <p>An item counts as running here until every item of its fire has ended. A fire that finds
 * an item running (here, or on its previous owner after a re-split) does not start it again: with
 * {@code misfire} on it is remembered and run once more right after; a manual trigger is
 * remembered the same way whatever {@code misfire} says.
 */
public final class ItemExecutions {

    private static final Logger LOG = LoggerFactory.getLogger(ItemExecutions.class);

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final ExecutorService executor;
    private final JobErrorHandler errorHandler;
    private final ItemRunner runner;
    private final List<JobListener> listeners;
    private final BooleanSupplier mayStart;
    private final Set<Integer> running = new HashSet<>();
    private final Set<Integer> misfired = new TreeSet<>();
    private final byte[] instanceIdBytes;
    private int activeFires;

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param executor the job's executor
     * @param errorHandler what a body's failure does
     * @param runner the job's body
     * @param listeners called before and after each fire
     * @param mayStart false while new items must not start (no ZooKeeper contact, shutting down)
     */
    public ItemExecutions(JobScope scope, Supplier<JobConfiguration> config, ExecutorService executor, JobErrorHandler errorHandler,
                          ItemRunner runner, List<JobListener> listeners, BooleanSupplier mayStart) {
        this.scope = scope;
        this.config = config;
        this.executor = executor;
        this.errorHandler = errorHandler;
        this.runner = runner;
        this.listeners = List.copyOf(listeners);
        this.mayStart = mayStart;
        this.instanceIdBytes = scope.instanceId().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decides which of the items start now and dispatches them to the executor. Never blocks.
     *
     * @param items the items owned here that this fire should run
     * @param source why the fire runs
     */
    public void fire(Collection<Integer> items, ExecutionSource source) {
        if (items.isEmpty() || !mayStart.getAsBoolean()) {
            return;
        }
        JobConfiguration current = config.get();
        List<Integer> toStart = new ArrayList<>(items.size());
        List<Integer> toMark = new ArrayList<>();
        synchronized (this) {
            for (Integer item : items) {
                if (running.contains(item) || runningElsewhere(item, current)) {
                    if (source == ExecutionSource.MANUAL || current.isMisfire()) {
                        if (misfired.add(item) && source != ExecutionSource.MANUAL) {
                            toMark.add(item);
                        }
                    }
                } else {
                    toStart.add(item);
                }
            }
            running.addAll(toStart);
            if (!toStart.isEmpty()) {
                activeFires++;
            }
        }
        toMark.forEach(this::writeMisfireMark);
        if (toStart.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> start(toStart, source));
        } catch (RejectedExecutionException ex) {
            end(toStart, null, false);
        }
    }

    /**
     * A {@code running} mark disappeared: if the item missed a fire while it ran on another
     * instance and is owned here now, it runs now.
     *
     * @param item the item
     */
    public void runningMarkDeleted(int item) {
        boolean rerun;
        synchronized (this) {
            rerun = !running.contains(item) && misfired.contains(item) && scope.ownsItem(item);
            if (rerun) {
                misfired.remove(item);
            }
        }
        if (rerun) {
            fire(List.of(item), ExecutionSource.MISFIRE);
        }
    }

    /**
     * @param item a sharding item
     * @return whether the item runs on this instance now
     */
    public synchronized boolean isRunning(int item) {
        return running.contains(item);
    }

    /** @return whether any item runs here */
    public synchronized boolean isIdle() {
        return activeFires == 0;
    }

    /**
     * Waits until every started fire has ended.
     *
     * @param timeoutMillis the longest wait
     * @return whether all ended in time
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (activeFires > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private boolean runningElsewhere(int item, JobConfiguration current) {
        return current.isMonitorExecution() && scope.cache().exists(JobNodePaths.itemRunning(item));
    }

    private void writeMisfireMark(int item) {
        if (scope.cache().exists(JobNodePaths.itemMisfire(item))) {
            return;
        }
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

    // ------------------------------------------------------------------ on the job's executor

    private void start(List<Integer> items, ExecutionSource source) {
        JobConfiguration current = config.get();
        Map<Integer, Long> started;
        try {
            started = mayStart.getAsBoolean() ? markStarted(items, current) : Map.of();
        } catch (Exception ex) {
            LOG.warn("Job '{}' did not start items {}: marking them as running in ZooKeeper failed: {}", scope.jobName(), items, ex.toString());
            started = Map.of();
        }
        List<Integer> notStarted = new ArrayList<>(items);
        notStarted.removeAll(started.keySet());
        if (!notStarted.isEmpty()) {
            synchronized (this) {
                running.removeAll(notStarted);
            }
        }
        if (started.isEmpty()) {
            fireEnded();
            return;
        }
        List<Integer> startedItems = new ArrayList<>(started.keySet());
        Map<Integer, String> parameters = current.getShardingItemParameterMap();
        String taskId = taskId(startedItems, source);
        Map<Integer, String> itemParameters = new LinkedHashMap<>();
        startedItems.forEach(item -> itemParameters.put(item, parameters.getOrDefault(item, "")));
        ShardingContexts contexts = new ShardingContexts(taskId, scope.jobName(), current.getShardingTotalCount(),
                current.getJobParameter(), itemParameters, source.name());
        for (JobListener each : listeners) {
            try {
                each.beforeJobExecuted(contexts);
            } catch (RuntimeException ex) {
                LOG.warn("Listener {} of job '{}' failed before the fire", each.getClass().getName(), scope.jobName(), ex);
            }
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(startedItems.size());
        try {
            for (Integer item : startedItems) {
                ShardingContext context = new ShardingContext(scope.jobName(), taskId, current.getShardingTotalCount(),
                        current.getJobParameter(), item, itemParameters.get(item), started.get(item), () -> stillOwned(item));
                futures.add(CompletableFuture.runAsync(() -> runItem(context), executor));
            }
        } catch (RejectedExecutionException ex) {
            LOG.warn("Job '{}' is shutting down: items not yet started are skipped", scope.jobName());
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
                .whenComplete((ignored, error) -> end(startedItems, contexts, current.isMonitorExecution()));
    }

    private boolean stillOwned(int item) {
        return mayStart.getAsBoolean() && scope.ownsItem(item);
    }

    private String taskId(List<Integer> items, ExecutionSource source) {
        StringBuilder result = new StringBuilder(scope.jobName()).append("@-@");
        for (int i = 0; i < items.size(); i++) {
            result.append(i == 0 ? "" : ",").append(items.get(i));
        }
        return result.append("@-@").append(source.name()).append("@-@").append(scope.instanceId()).append("@-@")
                .append(Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)).toString();
    }

    /**
     * Marks the items as running in one transaction. Items whose mark already exists (running
     * elsewhere) or whose ownership changed are left out and the rest is tried again.
     *
     * @return item → fencing token of the items that may run
     */
    private Map<Integer, Long> markStarted(List<Integer> items, JobConfiguration current) throws Exception {
        Map<Integer, Long> result = new LinkedHashMap<>();
        List<Integer> candidates = new ArrayList<>();
        for (Integer item : items) {
            if (scope.ownsItem(item)) {
                candidates.add(item);
            }
        }
        if (!current.isMonitorExecution()) {
            for (Integer item : candidates) {
                Stat stat = scope.cache().get(JobNodePaths.itemInstance(item)).getStat();
                result.put(item, stat == null ? 0L : stat.getMzxid());
            }
            return result;
        }
        for (int attempt = 0; attempt < 3 && !candidates.isEmpty(); attempt++) {
            List<CuratorOp> ops = new ArrayList<>();
            List<Integer> opItems = new ArrayList<>();
            for (Integer item : candidates) {
                io.cronshard.internal.cache.JobTreeCache.Node owner = scope.cache().get(JobNodePaths.itemInstance(item));
                if (owner == null || owner.getStat() == null) {
                    continue;
                }
                ops.add(scope.client().transactionOp().check().withVersion(owner.getStat().getVersion())
                        .forPath(scope.paths().full(JobNodePaths.itemInstance(item))));
                opItems.add(item);
                ops.add(scope.client().transactionOp().create().withMode(CreateMode.EPHEMERAL)
                        .forPath(scope.paths().full(JobNodePaths.itemRunning(item)), instanceIdBytes));
                opItems.add(item);
                if (scope.cache().exists(JobNodePaths.itemMisfire(item))) {
                    ops.add(scope.client().transactionOp().delete().forPath(scope.paths().full(JobNodePaths.itemMisfire(item))));
                    opItems.add(-1 - item);
                }
            }
            if (ops.isEmpty()) {
                return result;
            }
            try {
                List<CuratorTransactionResult> results = scope.client().transaction().forOperations(ops);
                for (int i = 0; i < results.size(); i++) {
                    CuratorTransactionResult each = results.get(i);
                    if (each.getType() == org.apache.curator.framework.api.transaction.OperationType.CREATE) {
                        Stat stat = each.getResultStat();
                        Stat owner = scope.cache().get(JobNodePaths.itemInstance(opItems.get(i))) == null ? null
                                : scope.cache().get(JobNodePaths.itemInstance(opItems.get(i))).getStat();
                        long token = stat != null ? stat.getCzxid() : owner == null ? 0L : owner.getMzxid();
                        result.put(opItems.get(i), token);
                    }
                }
                return result;
            } catch (KeeperException ex) {
                List<OpResult> results = ex.getResults();
                if (results == null) {
                    throw ex;
                }
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i) instanceof OpResult.ErrorResult) {
                        int err = ((OpResult.ErrorResult) results.get(i)).getErr();
                        if (err == KeeperException.Code.OK.intValue() || err == KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                            continue;
                        }
                        int opItem = opItems.get(i);
                        if (opItem < 0) {
                            scope.cache().forget(JobNodePaths.itemMisfire(-1 - opItem));
                        } else {
                            candidates.remove(Integer.valueOf(opItem));
                            if (err == KeeperException.Code.NODEEXISTS.intValue()) {
                                LOG.debug("Item {} of job '{}' still runs elsewhere", opItem, scope.jobName());
                                if (current.isMisfire()) {
                                    synchronized (this) {
                                        misfired.add(opItem);
                                    }
                                }
                            } else {
                                LOG.debug("Item {} of job '{}' changed hands before it started", opItem, scope.jobName());
                            }
                        }
                    }
                }
            }
        }
        return result;
    }

    private void runItem(ShardingContext context) {
        try {
            runner.run(context);
        } catch (Throwable cause) {
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            try {
                errorHandler.handleException(scope.jobName(), context.getShardingItem(), cause);
            } catch (RuntimeException rethrown) {
                LOG.error("Job '{}' item {} failed", scope.jobName(), context.getShardingItem(), rethrown);
            }
        }
    }

    private void end(List<Integer> items, ShardingContexts contexts, boolean marked) {
        if (marked) {
            clearRunningMarks(items);
        }
        if (contexts != null) {
            for (JobListener each : listeners) {
                try {
                    each.afterJobExecuted(contexts);
                } catch (RuntimeException ex) {
                    LOG.warn("Listener {} of job '{}' failed after the fire", each.getClass().getName(), scope.jobName(), ex);
                }
            }
        }
        List<Integer> rerun = release(items);
        fireEnded();
        if (!rerun.isEmpty()) {
            fire(rerun, ExecutionSource.MISFIRE);
        }
    }

    private void clearRunningMarks(List<Integer> items) {
        List<CuratorOp> ops = new ArrayList<>(items.size());
        try {
            for (Integer item : items) {
                ops.add(scope.client().transactionOp().delete().forPath(scope.paths().full(JobNodePaths.itemRunning(item))));
            }
            scope.client().transaction().forOperations(ops);
        } catch (Exception ex) {
            // a mark can be gone already (session expired, job removed): delete the rest one by one
            for (Integer item : items) {
                try {
                    scope.client().delete().forPath(scope.paths().full(JobNodePaths.itemRunning(item)));
                } catch (KeeperException.NoNodeException gone) {
                    LOG.debug("Running mark of item {} of job '{}' was already gone", item, scope.jobName());
                } catch (Exception each) {
                    LOG.warn("Cannot clear the running mark of item {} of job '{}'; it goes with this instance's session: {}",
                            item, scope.jobName(), each.toString());
                }
            }
        }
        items.forEach(item -> scope.cache().forget(JobNodePaths.itemRunning(item)));
    }

    /** @return the released items that missed a fire meanwhile and are still owned here */
    private List<Integer> release(List<Integer> items) {
        List<Integer> rerun = new ArrayList<>();
        synchronized (this) {
            running.removeAll(items);
            for (Integer item : items) {
                if (misfired.contains(item) && scope.ownsItem(item)) {
                    misfired.remove(item);
                    rerun.add(item);
                }
            }
        }
        return rerun;
    }

    private synchronized void fireEnded() {
        activeFires--;
        notifyAll();
    }
}
