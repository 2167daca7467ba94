package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.job.JobScope;
import io.cronshard.internal.listener.FireListeners;
import io.cronshard.internal.schedule.SharedScheduler;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.TransactionBudget;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    private final FireListeners listeners;
    private final BooleanSupplier mayStart;
    private final Set<Integer> running = new HashSet<>();
    private final Set<Integer> misfired = new TreeSet<>();
    private final Set<Integer> failingOver = new HashSet<>();
    private final Set<String> staleMarks = new TreeSet<>();
    private final Map<Integer, Thread> bodies = new HashMap<>();
    private final byte[] instanceIdBytes;
    private final MarkOps markOps;
    private final ExecutionObserver observer;
    private final String serverIp;
    private int activeFires;
    private volatile FireRecord lastFire;

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
                          ItemRunner runner, FireListeners listeners, BooleanSupplier mayStart) {
        this(scope, config, executor, errorHandler, runner, listeners, mayStart, ExecutionObserver.NONE, "");
    }

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param executor the job's executor
     * @param errorHandler what a body's failure does
     * @param runner the job's body
     * @param listeners called before and after each fire
     * @param mayStart false while new items must not start (no ZooKeeper contact, shutting down)
     * @param observer sees each fire's states and each item's execution (event tracing, metrics)
     * @param serverIp this instance's server ip, for the observer
     */
    public ItemExecutions(JobScope scope, Supplier<JobConfiguration> config, ExecutorService executor, JobErrorHandler errorHandler,
                          ItemRunner runner, FireListeners listeners, BooleanSupplier mayStart, ExecutionObserver observer, String serverIp) {
        this.observer = observer == null ? ExecutionObserver.NONE : observer;
        this.serverIp = serverIp;
        this.scope = scope;
        this.config = config;
        this.executor = executor;
        this.errorHandler = errorHandler;
        this.runner = runner;
        this.listeners = listeners;
        this.mayStart = mayStart;
        this.instanceIdBytes = scope.instanceId().getBytes(StandardCharsets.UTF_8);
        this.markOps = new MarkOps(scope);
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
        FireTrace trace = trace(source);
        try {
            executor.execute(() -> start(toStart, source, trace));
        } catch (RejectedExecutionException ex) {
            end(toStart, null, false, source, null);
        }
    }

    /**
     * Runs items a crashed instance was running and the leader named this instance for, all at
     * once beside whatever runs here already. Never blocks.
     *
     * @param items the queued items naming this instance
     */
    public void failover(Collection<Integer> items) {
        if (items.isEmpty() || !mayStart.getAsBoolean()) {
            return;
        }
        List<Integer> toStart = new ArrayList<>(items.size());
        synchronized (this) {
            for (Integer item : items) {
                if (!running.contains(item)) {
                    toStart.add(item);
                }
            }
            running.addAll(toStart);
            failingOver.addAll(toStart);
            if (!toStart.isEmpty()) {
                activeFires++;
            }
        }
        if (toStart.isEmpty()) {
            return;
        }
        FireTrace trace = trace(ExecutionSource.FAILOVER);
        try {
            executor.execute(() -> start(toStart, ExecutionSource.FAILOVER, trace));
        } catch (RejectedExecutionException ex) {
            end(toStart, null, false, ExecutionSource.FAILOVER, null);
        }
    }

    /**
     * This instance's session is lost, or may be expired by the server soon: interrupts every
     * body running here. Bodies that honour interruption stop; the others run on, and
     * {@link ShardingContext#isItemStillOwned()} tells them to stop. Marks of an expired session
     * go with it, in the transaction that tells the others these items were cut short.
     */
    public synchronized void interruptRunning() {
        if (!bodies.isEmpty()) {
            LOG.warn("Job '{}': interrupting items {}: this instance lost contact with ZooKeeper", scope.jobName(), new TreeSet<>(bodies.keySet()));
            bodies.values().forEach(Thread::interrupt);
        }
    }

    /**
     * Deletes the marks that could not be deleted while ZooKeeper was out of reach (when the
     * session survived, they would block their items). Call after reconnecting.
     */
    public void clearStaleMarks() {
        List<String> stale;
        synchronized (this) {
            stale = new ArrayList<>(staleMarks);
            staleMarks.clear();
        }
        for (String mark : stale) {
            try {
                Stat stat = new Stat();
                byte[] data = scope.client().getData().storingStatIn(stat).forPath(scope.paths().full(mark));
                long session = scope.client().getZookeeperClient().getZooKeeper().getSessionId();
                if (stat.getEphemeralOwner() == session && java.util.Arrays.equals(data, instanceIdBytes)) {
                    scope.client().delete().withVersion(stat.getVersion()).forPath(scope.paths().full(mark));
                    LOG.info("Job '{}': cleared mark {} left while ZooKeeper was out of reach", scope.jobName(), mark);
                }
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
                LOG.debug("Mark {} of job '{}' went with the old session", mark, scope.jobName());
            } catch (Exception ex) {
                LOG.warn("Cannot clear mark {} of job '{}': {}", mark, scope.jobName(), ex.toString());
                synchronized (this) {
                    staleMarks.add(mark);
                }
            }
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

    /** @return the items running here now, ascending */
    public synchronized List<Integer> runningItems() {
        return new ArrayList<>(new TreeSet<>(running));
    }

    /** @return the last fire that ran items here, null before the first */
    public FireRecord lastFire() {
        return lastFire;
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

    /** On the deciding thread: a cron fire run directly by the scheduler knows its scheduled time. */
    private FireTrace trace(ExecutionSource source) {
        return FireTrace.decided(observer, scope.jobName(), scope.instanceId(), serverIp, source,
                source == ExecutionSource.NORMAL ? SharedScheduler.currentScheduledFireTime() : 0L);
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

    private void start(List<Integer> items, ExecutionSource source, FireTrace trace) {
        JobConfiguration current = config.get();
        String stagedTaskId = taskId(items, source);
        trace.staging(stagedTaskId, items);
        Map<Integer, Long> started;
        Exception startFailure = null;
        ZooKeeper handle = null;
        try {
            handle = markOps.handle();
            if (!mayStart.getAsBoolean()) {
                started = Map.of();
            } else if (source == ExecutionSource.FAILOVER) {
                started = claimFailover(items, current, handle);
            } else {
                started = markStarted(items, current, handle);
            }
        } catch (Exception ex) {
            LOG.warn("Job '{}' did not start items {}: marking them as running in ZooKeeper failed: {}", scope.jobName(), items, ex.toString());
            started = Map.of();
            startFailure = ex;
        }
        List<Integer> notStarted = new ArrayList<>(items);
        notStarted.removeAll(started.keySet());
        if (!notStarted.isEmpty()) {
            synchronized (this) {
                notStarted.forEach(running::remove);
                notStarted.forEach(failingOver::remove);
            }
        }
        if (started.isEmpty()) {
            trace.notStarted(items, startFailure);
            fireEnded();
            return;
        }
        List<Integer> startedItems = new ArrayList<>(started.keySet());
        Map<Integer, String> parameters = current.getShardingItemParameterMap();
        String taskId = startedItems.equals(items) ? stagedTaskId : taskId(startedItems, source);
        Map<Integer, String> itemParameters = new LinkedHashMap<>();
        startedItems.forEach(item -> itemParameters.put(item, parameters.getOrDefault(item, "")));
        ShardingContexts contexts = new ShardingContexts(taskId, scope.jobName(), current.getShardingTotalCount(),
                current.getJobParameter(), itemParameters, source.name());
        listeners.before(contexts, () -> enabledItems(current));
        trace.dispatching(taskId, startedItems, notStarted);
        FireRecord record = new FireRecord(source, startedItems);
        lastFire = record;
        List<CompletableFuture<Void>> futures = new ArrayList<>(startedItems.size());
        try {
            for (Integer item : startedItems) {
                ShardingContext context = new ShardingContext(scope.jobName(), taskId, current.getShardingTotalCount(),
                        current.getJobParameter(), item, itemParameters.get(item), started.get(item), () -> stillOwned(item, source));
                futures.add(CompletableFuture.runAsync(() -> runItem(context, trace, record), executor));
            }
        } catch (RejectedExecutionException ex) {
            LOG.warn("Job '{}' is shutting down: items not yet started are skipped", scope.jobName());
        }
        ZooKeeper session = handle;
        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
                .whenComplete((ignored, error) -> {
                    trace.ended();
                    record.ended();
                    end(startedItems, contexts, current.isMonitorExecution(), source, session);
                });
    }

    /** @return how many items a fire runs across all instances: the enabled ones */
    private int enabledItems(JobConfiguration current) {
        int result = 0;
        for (int item = 0; item < current.getShardingTotalCount(); item++) {
            if (!scope.cache().exists(JobNodePaths.itemDisabled(item))) {
                result++;
            }
        }
        return result;
    }

    private boolean stillOwned(int item, ExecutionSource source) {
        if (!mayStart.getAsBoolean() || config.get().isDisabled() || scope.cache().exists(JobNodePaths.itemDisabled(item))) {
            return false;
        }
        if (source == ExecutionSource.FAILOVER) {
            String claimant = scope.cache().getData(JobNodePaths.itemFailover(item));
            return claimant == null || claimant.equals(scope.instanceId());
        }
        return scope.ownsItem(item);
    }

    /**
     * Claims queued failover items: for each, one transaction deletes its queue entry (at the
     * version the cache saw, so an entry re-assigned meanwhile is not taken) and creates its
     * ephemeral {@code failover} mark and, with {@code monitorExecution}, its {@code running}
     * mark. All items go in one transaction; if it fails, each is tried alone. An item already
     * running elsewhere (its new owner took it up) only loses its queue entry.
     *
     * @return item → fencing token (the zxid of its {@code failover} mark) of the claimed items
     */
    private Map<Integer, Long> claimFailover(List<Integer> items, JobConfiguration current, ZooKeeper handle) throws Exception {
        Map<Integer, Long> result = new LinkedHashMap<>();
        List<Integer> claimable = new ArrayList<>();
        for (Integer item : items) {
            JobTreeCache.Node entry = scope.cache().get(failoverEntry(item));
            if (entry == null || entry.getStat() == null || !scope.instanceId().equals(entry.getData())) {
                continue;
            }
            if (item >= current.getShardingTotalCount() || !scope.cache().exists(JobNodePaths.item(item))) {
                dropFailoverEntry(item, entry);
            } else {
                claimable.add(item);
            }
        }
        if (claimable.isEmpty()) {
            return result;
        }
        for (List<Integer> group : TransactionBudget.group(claimable, item -> claimOps(item, current.isMonitorExecution()))) {
            result.putAll(claimGroup(group, current, handle));
        }
        if (!result.isEmpty()) {
            LOG.info("Job '{}': instance {} took over items {}", scope.jobName(), scope.instanceId(), result.keySet());
        }
        return result;
    }

    /** Claims one transaction's worth of items; when it is refused, each item alone. */
    private Map<Integer, Long> claimGroup(List<Integer> claimable, JobConfiguration current, ZooKeeper handle) throws Exception {
        Map<Integer, Long> result = new LinkedHashMap<>();
        try {
            result.putAll(claimTogether(claimable, current.isMonitorExecution(), handle));
        } catch (KeeperException together) {
            for (Integer item : claimable) {
                try {
                    result.putAll(claimTogether(List.of(item), current.isMonitorExecution(), handle));
                } catch (KeeperException.NodeExistsException alreadyRunning) {
                    LOG.info("Job '{}': item {} already runs elsewhere; its failover is done", scope.jobName(), item);
                    dropFailoverEntry(item, scope.cache().get(failoverEntry(item)));
                } catch (KeeperException notClaimed) {
                    LOG.debug("Job '{}': failover item {} was not claimed: {}", scope.jobName(), item, notClaimed.code());
                }
            }
        }
        return result;
    }

    /** The operations that claim one queued item: delete its entry at the version seen, create its failover (and running) mark. */
    private List<Op> claimOps(int item, boolean monitor) {
        JobTreeCache.Node entry = scope.cache().get(failoverEntry(item));
        int version = entry == null || entry.getStat() == null ? -1 : entry.getStat().getVersion();
        List<Op> ops = new ArrayList<>(3);
        ops.add(markOps.delete(failoverEntry(item), version));
        ops.add(markOps.createEphemeral(JobNodePaths.itemFailover(item), instanceIdBytes));
        if (monitor) {
            ops.add(markOps.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes));
        }
        return ops;
    }

    private Map<Integer, Long> claimTogether(List<Integer> items, boolean monitor, ZooKeeper handle) throws Exception {
        List<Op> ops = new ArrayList<>();
        List<Integer> opItems = new ArrayList<>();
        for (Integer item : items) {
            JobTreeCache.Node entry = scope.cache().get(failoverEntry(item));
            int version = entry == null || entry.getStat() == null ? -1 : entry.getStat().getVersion();
            ops.add(markOps.delete(failoverEntry(item), version));
            opItems.add(-1);
            ops.add(markOps.createEphemeral(JobNodePaths.itemFailover(item), instanceIdBytes));
            opItems.add(item);
            if (monitor) {
                ops.add(markOps.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes));
                opItems.add(-1);
            }
        }
        List<OpResult> results = runMarking(handle, ops, items, monitor, true);
        Map<Integer, Long> result = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            if (opItems.get(i) >= 0) {
                result.put(opItems.get(i), MarkOps.createdZxid(results.get(i)));
            }
        }
        return result;
    }

    /**
     * Runs a marking transaction. When the connection drops before the answer, the marks may or
     * may not exist: they are remembered so that {@link #clearStaleMarks()} removes them if they do.
     */
    private List<OpResult> runMarking(ZooKeeper handle, List<Op> ops, List<Integer> items, boolean running, boolean failover) throws Exception {
        try {
            return markOps.run(handle, ops);
        } catch (KeeperException.ConnectionLossException inDoubt) {
            synchronized (this) {
                for (Integer item : items) {
                    if (running) {
                        staleMarks.add(JobNodePaths.itemRunning(item));
                    }
                    if (failover) {
                        staleMarks.add(JobNodePaths.itemFailover(item));
                    }
                }
            }
            throw inDoubt;
        }
    }

    private void dropFailoverEntry(int item, JobTreeCache.Node entry) {
        int version = entry == null || entry.getStat() == null ? -1 : entry.getStat().getVersion();
        try {
            scope.client().delete().withVersion(version).inBackground().forPath(scope.paths().full(failoverEntry(item)));
        } catch (Exception ex) {
            LOG.debug("Cannot drop failover entry {} of job '{}'", item, scope.jobName(), ex);
        }
    }

    private static String failoverEntry(int item) {
        return JobNodePaths.FAILOVER_ITEMS + "/" + item;
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
    private Map<Integer, Long> markStarted(List<Integer> items, JobConfiguration current, ZooKeeper handle) throws Exception {
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
        for (List<Integer> group : TransactionBudget.group(candidates, this::startOps)) {
            result.putAll(markStartedTogether(new ArrayList<>(group), current, handle));
        }
        return result;
    }

    /** The operations that start one item: check its owner's version, create its running mark, delete its misfire mark. */
    private List<Op> startOps(int item) {
        List<Op> ops = new ArrayList<>(3);
        JobTreeCache.Node owner = scope.cache().get(JobNodePaths.itemInstance(item));
        ops.add(markOps.check(JobNodePaths.itemInstance(item), owner == null || owner.getStat() == null ? -1 : owner.getStat().getVersion()));
        ops.add(markOps.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes));
        if (scope.cache().exists(JobNodePaths.itemMisfire(item))) {
            ops.add(markOps.delete(JobNodePaths.itemMisfire(item), -1));
        }
        return ops;
    }

    /** Starts the items of one transaction; see {@link #markStarted}. */
    private Map<Integer, Long> markStartedTogether(List<Integer> candidates, JobConfiguration current, ZooKeeper handle) throws Exception {
        Map<Integer, Long> result = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 3 && !candidates.isEmpty(); attempt++) {
            List<Op> ops = new ArrayList<>();
            List<Integer> opItems = new ArrayList<>();
            for (Integer item : candidates) {
                io.cronshard.internal.cache.JobTreeCache.Node owner = scope.cache().get(JobNodePaths.itemInstance(item));
                if (owner == null || owner.getStat() == null) {
                    continue;
                }
                ops.add(markOps.check(JobNodePaths.itemInstance(item), owner.getStat().getVersion()));
                opItems.add(item);
                ops.add(markOps.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes));
                opItems.add(item);
                if (scope.cache().exists(JobNodePaths.itemMisfire(item))) {
                    ops.add(markOps.delete(JobNodePaths.itemMisfire(item), -1));
                    opItems.add(-1 - item);
                }
            }
            if (ops.isEmpty()) {
                return result;
            }
            try {
                List<OpResult> results = runMarking(handle, ops, candidates, true, false);
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i) instanceof OpResult.CreateResult) {
                        result.put(opItems.get(i), MarkOps.createdZxid(results.get(i)));
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

    private void runItem(ShardingContext context, FireTrace trace, FireRecord record) {
        int item = context.getShardingItem();
        synchronized (this) {
            bodies.put(item, Thread.currentThread());
        }
        Throwable failure = null;
        try {
            if (!mayStart.getAsBoolean()) {
                return;
            }
            trace.itemStarted(item);
            runner.run(context, config.get());
        } catch (Throwable cause) {
            failure = cause;
            record.failed(item);
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            try {
                errorHandler.handleException(scope.jobName(), context.getShardingItem(), cause);
            } catch (RuntimeException rethrown) {
                LOG.error("Job '{}' item {} failed", scope.jobName(), context.getShardingItem(), rethrown);
            }
        } finally {
            synchronized (this) {
                bodies.remove(item);
            }
            trace.itemEnded(item, failure);
            Thread.interrupted();
        }
    }

    private void end(List<Integer> items, ShardingContexts contexts, boolean monitored, ExecutionSource source, ZooKeeper handle) {
        boolean failover = source == ExecutionSource.FAILOVER;
        if (contexts != null && handle != null && (monitored || failover)) {
            clearMarks(items, monitored, failover, handle);
        }
        if (failover) {
            synchronized (this) {
                items.forEach(failingOver::remove);
            }
        }
        if (contexts != null) {
            listeners.after(contexts, () -> enabledItems(config.get()));
        }
        List<Integer> rerun = release(items);
        fireEnded();
        if (!rerun.isEmpty()) {
            fire(rerun, ExecutionSource.MISFIRE);
        }
    }

    /**
     * Deletes the items' {@code running} marks (and {@code failover} marks) in one transaction;
     * marks that cannot be deleted now are remembered for {@link #clearStaleMarks()}.
     */
    private void clearMarks(List<Integer> items, boolean running, boolean failover, ZooKeeper handle) {
        List<String> marks = new ArrayList<>();
        for (Integer item : items) {
            if (running) {
                marks.add(JobNodePaths.itemRunning(item));
            }
            if (failover) {
                marks.add(JobNodePaths.itemFailover(item));
            }
        }
        for (List<String> group : TransactionBudget.group(marks, mark -> List.of(markOps.delete(mark, -1)))) {
            clearTogether(group, items, handle);
        }
        marks.forEach(mark -> scope.cache().forget(mark));
    }

    private void clearTogether(List<String> marks, List<Integer> items, ZooKeeper handle) {
        List<Op> ops = new ArrayList<>(marks.size());
        marks.forEach(mark -> ops.add(markOps.delete(mark, -1)));
        try {
            markOps.run(handle, ops);
        } catch (KeeperException.SessionExpiredException gone) {
            LOG.debug("Job '{}': the marks of {} went with the session they were made in", scope.jobName(), items);
        } catch (KeeperException | InterruptedException ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // a mark can be gone already (job removed): delete the rest one by one
            for (String mark : marks) {
                try {
                    markOps.run(handle, List.of(markOps.delete(mark, -1)));
                } catch (KeeperException.NoNodeException | KeeperException.SessionExpiredException gone) {
                    LOG.debug("Mark {} of job '{}' was already gone", mark, scope.jobName());
                } catch (KeeperException | InterruptedException each) {
                    LOG.warn("Cannot clear mark {} of job '{}' now; retrying when ZooKeeper is back: {}", mark, scope.jobName(), each.toString());
                    synchronized (this) {
                        staleMarks.add(mark);
                    }
                }
            }
        }
    }

    /** @return the released items that missed a fire meanwhile and are still owned here */
    private List<Integer> release(List<Integer> items) {
        List<Integer> rerun = new ArrayList<>();
        synchronized (this) {
            items.forEach(running::remove);
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
