package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobListener;
import io.cronshard.bootstrap.JobInstanceStatus;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.executor.JobExecutorServiceHandler;
import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.config.ConfigurationService;
import io.cronshard.internal.diagnostics.DumpServer;
import io.cronshard.internal.diagnostics.JobDump;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.execution.ExecutionObserver;
import io.cronshard.internal.execution.ExecutionSource;
import io.cronshard.internal.execution.FireRecord;
import io.cronshard.internal.execution.ItemExecutions;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.executor.SharedThreadsExecutorServiceHandler;
import io.cronshard.internal.failover.CrashDetector;
import io.cronshard.internal.failover.FailoverQueue;
import io.cronshard.internal.instance.InstanceRegistration;
import io.cronshard.internal.instance.ServerIp;
import io.cronshard.internal.listener.FireListeners;
import io.cronshard.internal.instance.StaleServers;
import io.cronshard.internal.schedule.CronFires;
import io.cronshard.internal.schedule.SharedScheduler;
import io.cronshard.internal.sharding.ShardingRebalancer;
import io.cronshard.internal.spi.TypedServices;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One instance of one job: builds its pieces once (configuration, registration, cache,
 * election, rebalancer, executions), routes the cache's changes to them, and runs the
 * lifecycle from start to a graceful shutdown. Everything slow happens on the job's serial
 * coordination executor or on its own executor; ZooKeeper and Quartz threads only hand over.
 */
public final class JobCoordinator implements JobTreeCache.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(JobCoordinator.class);

    /** How long shutdown waits for running items. */
    static final long SHUTDOWN_WAIT_MILLIS = 60_000L;

    private static final int MAX_LEADER_WRITE_RETRIES = 5;
    private static final int MAX_REGISTRATION_ATTEMPTS = 10;
    /** The largest dump answered through ZooKeeper, in bytes, well within a request's limit. */
    static final int DUMP_ANSWER_BYTES = 256 * 1024;

    private enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED }

    private final CoordinatorRegistryCenter regCenter;
    private final CuratorFramework client;
    private final JobConfiguration localConfig;
    private final ItemRunner runner;
    private final List<JobListener> listeners;
    private final JobNodePaths paths;
    private final ConfigurationService configService;
    private final InstanceRegistration registration;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean rebalanceQueued = new AtomicBoolean();
    private int leaderWriteRetries;
    private final AtomicReference<ExecutionSource> pendingFire = new AtomicReference<>();
    private final List<java.util.concurrent.CompletableFuture<Void>> runOnceWaiters = new ArrayList<>();
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private final CrashDetector crashes = new CrashDetector();
    private final CountDownLatch registeredLatch = new CountDownLatch(1);
    private volatile Exception startFailure;
    private volatile boolean connected = true;
    private volatile boolean removedByOperator;

    private SharedScheduler scheduler;
    private SerialExecutor coordination;
    private JobTreeCache cache;
    private JobScope scope;
    private ExecutorService executor;
    private ItemExecutions executions;
    private ExecutionObserver observer = ExecutionObserver.NONE;
    private LeaderElection election;
    private ShardingRebalancer rebalancer;
    private FailoverQueue failoverQueue;
    private StaleServers staleServers;
    private String sweepKey;
    private String interruptKey;
    private String reservedId;
    private volatile DumpServer.Registration dumpRegistration;
    private boolean sweepScheduled;
    private String cronKey;
    private String reconcileKey;
    private boolean cronScheduled;

    /**
     * Checks everything that can be checked without ZooKeeper; writes nothing.
     *
     * @param regCenter an initialised ZooKeeper registry center
     * @param runner the job's body
     * @param config the local configuration (validated by its builder)
     * @param listeners called around each fire
     */
    public JobCoordinator(CoordinatorRegistryCenter regCenter, ItemRunner runner, JobConfiguration config, List<JobListener> listeners) {
        this.regCenter = Objects.requireNonNull(regCenter, "regCenter must not be null");
        this.localConfig = Objects.requireNonNull(config, "jobConfiguration must not be null");
        this.runner = Objects.requireNonNull(runner, "job must not be null");
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
        if (!(regCenter.getRawClient() instanceof CuratorFramework)) {
            throw new IllegalArgumentException("Cronshard runs on ZooKeeper: regCenter must be a ZookeeperRegistryCenter");
        }
        runner.validate(config);
        this.client = (CuratorFramework) regCenter.getRawClient();
        this.paths = new JobNodePaths(config.getJobName());
        this.configService = new ConfigurationService(client, paths);
        this.registration = new InstanceRegistration(client, paths, ServerIp.detect());
    }

    /**
     * Starts the instance: stores or loads the configuration, registers, loads the cache, joins
     * the election and, when {@code withCron}, schedules the cron.
     *
     * @param withCron schedule the cron (false for a one-off bootstrap)
     */
    public void start(boolean withCron) {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("Job '" + paths.getJobName() + "' was already started");
        }
        if (client.getState() != CuratorFrameworkState.STARTED) {
            state.set(State.STOPPED);
            throw new IllegalStateException("The registry center is not initialised: call init() before scheduling job '"
                    + paths.getJobName() + "'");
        }
        try {
            scheduler = SharedScheduler.acquire();
            InstanceRegistration.Prepared prepared = registration.prepare(configService, localConfig, chosen -> checkRunnable(chosen, withCron),
                    this::reserveInstanceId);
            JobConfiguration config = prepared.configuration();
            configService.adopt(config, localConfig);
            JobErrorHandler errorHandler = TypedServices.find(JobErrorHandler.class, config.getJobErrorHandlerType(), "jobErrorHandlerType");
            JobExecutorServiceHandler executorHandler = TypedServices.find(JobExecutorServiceHandler.class,
                    config.getJobExecutorServiceHandlerType(), "jobExecutorServiceHandlerType");
            String instanceId = registration.getInstanceId();
            coordination = new SerialExecutor(scheduler.coordinationPool(), paths.getJobName());
            cache = new JobTreeCache(client, paths, this);
            scope = new JobScope(paths.getJobName(), instanceId, paths, client, cache);
            executor = executorHandler instanceof SharedThreadsExecutorServiceHandler shared
                    ? shared.createExecutorService(paths.getJobName(), scheduler.itemThreads())
                    : executorHandler.createExecutorService(paths.getJobName());
            observer = ExecutionObservers.of(localConfig);
            executions = new ItemExecutions(scope, configService::current, executor, errorHandler, runner,
                    new FireListeners(scope, listeners, config.getJobListenerTypes()), this::mayStart, observer, registration.getServerIp());
            election = new LeaderElection(client, paths, instanceId, this::requestRebalance, coordination);
            rebalancer = new ShardingRebalancer(scope, configService::current, election);
            failoverQueue = new FailoverQueue(scope, election);
            staleServers = new StaleServers(scope, StaleServers.configuredGraceMillis(), System::currentTimeMillis);
            cronKey = "cronshard." + paths.getJobName() + "." + instanceId;
            reconcileKey = cronKey + ".reconcile";
            sweepKey = cronKey + ".servers";
            interruptKey = cronKey + ".interrupt";
            client.getConnectionStateListenable().addListener(connectionListener);
            state.set(State.RUNNING);
            scheduler.sendWithOtherStarts(() -> registration.write(prepared, outcome -> coordination.execute(() -> registered(outcome, withCron, 1))));
            if (config.getMaxTimeDiffSeconds() >= 0) {
                // the clock check needs the registered node: a clock error is the caller's, so wait for it
                awaitRegistered();
            }
        } catch (RuntimeException ex) {
            cleanUpFailedStart();
            throw ex;
        } catch (Error ex) {
            cleanUpFailedStart();
            throw ex;
        }
    }

    /**
     * The second half of the start, once the registration's transaction has answered: checks
     * the clock, loads the cache, joins the election and schedules the cron. Runs on the
     * coordination executor; everything here is asynchronous or a single read.
     */
    private void registered(InstanceRegistration.Outcome outcome, boolean withCron, int attempt) {
        if (state.get() != State.RUNNING) {
            if (outcome == InstanceRegistration.Outcome.REGISTERED) {
                registration.unregister();
            }
            return;
        }
        try {
            if (outcome == InstanceRegistration.Outcome.CHANGED && attempt < MAX_REGISTRATION_ATTEMPTS) {
                InstanceRegistration.Prepared again = registration.prepare(configService, localConfig, chosen -> checkRunnable(chosen, withCron),
                        this::reserveInstanceId);
                configService.adopt(again.configuration(), localConfig);
                registration.write(again, next -> coordination.execute(() -> registered(next, withCron, attempt + 1)));
                return;
            }
            if (outcome != InstanceRegistration.Outcome.REGISTERED) {
                throw new RegistryCenterException("Cannot register instance " + registration.getInstanceId() + " of job '" + paths.getJobName() + "'");
            }
            JobConfiguration config = configService.current();
            registration.checkClock(config.getMaxTimeDiffSeconds());
            cache.start();
            election.start();
            if (withCron) {
                scheduleCron(config);
            }
            scheduleReconcile(config);
            dumpRegistration = DumpServer.register(paths.getJobName(), this::dump);
            registeredLatch.countDown();
            LOG.info("Job '{}' started instance {} ({})", paths.getJobName(), registration.getInstanceId(),
                    withCron ? "cron " + config.getCron() : "one-off");
        } catch (Exception ex) {
            LOG.error("Job '{}' cannot start instance {}: {}", paths.getJobName(), registration.getInstanceId(), ex.getMessage(), ex);
            startFailure = ex;
            registeredLatch.countDown();
            Thread stopper = new Thread(this::shutdown, "cronshard-shutdown-" + paths.getJobName());
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    private void awaitRegistered() {
        try {
            long timeout = Math.max(5_000L, client.getZookeeperClient().getConnectionTimeoutMs());
            if (!registeredLatch.await(timeout, TimeUnit.MILLISECONDS)) {
                throw new RegistryCenterException("Job '" + paths.getJobName() + "' did not register within " + timeout + " ms");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RegistryCenterException("Interrupted while job '" + paths.getJobName() + "' registered", ex);
        }
        if (startFailure instanceof RuntimeException failure) {
            throw failure;
        }
        if (startFailure != null) {
            throw new RegistryCenterException("Job '" + paths.getJobName() + "' could not start", startFailure);
        }
    }

    /**
     * Waits until the instance is registered and its view of the job loaded, e.g. before a one-off
     * run that has to find it.
     *
     * @param timeoutMillis how long to wait
     * @return whether it is
     * @throws InterruptedException when interrupted
     * @throws RegistryCenterException when the start failed after {@link #start} returned
     */
    public boolean awaitStarted(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean registered = registeredLatch.await(timeoutMillis, TimeUnit.MILLISECONDS);
        if (startFailure != null) {
            throw new RegistryCenterException("Job '" + paths.getJobName() + "' could not start: " + startFailure.getMessage(), startFailure);
        }
        return registered && cache.awaitLoaded(Math.max(0L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    private boolean reserveInstanceId(String instanceId) {
        String key = reservationKey(instanceId);
        if (!scheduler.reserveInstance(key)) {
            return false;
        }
        reservedId = key;
        return true;
    }

    private String reservationKey(String instanceId) {
        return client.getNamespace() + "|" + paths.getJobName() + "|" + instanceId;
    }

    /** Refuses, before anything is written, a configuration this instance cannot run. */
    private void checkRunnable(JobConfiguration config, boolean withCron) {
        if (withCron && config.getCron() == null) {
            throw JobConfigurationException.invalid("cron", null,
                    "the configuration stored for job '" + paths.getJobName() + "' has no cron; a scheduled job needs one");
        }
        if (withCron) {
            CronFires.requireNextFire(config);
        }
        runner.validate(config);
        FireListeners.requireFits(listeners, config, ZKPaths.fixForNamespace(client.getNamespace(), paths.root()));
        // the pluggable types were checked by the configuration's builder, for a stored one too
    }

    private void cleanUpFailedStart() {
        state.set(State.STOPPING);
        releaseResources(true);
        state.set(State.STOPPED);
    }

    /** @return this instance's id, null before start */
    public String getInstanceId() {
        return registration.getInstanceId();
    }

    /** @return the configuration the job runs with now */
    public JobConfiguration currentConfiguration() {
        return configService.current();
    }

    /** @return this instance's view of itself now, from local state only */
    public JobInstanceStatus status() {
        JobConfiguration config = configService.current();
        JobTreeCache view = cache;
        List<Integer> owned = new ArrayList<>();
        if (config != null && view != null && scope != null) {
            for (int item = 0; item < config.getShardingTotalCount(); item++) {
                if (scope.ownsItem(item)) {
                    owned.add(item);
                }
            }
        }
        SharedScheduler shared = scheduler;
        java.util.Date next = shared == null || cronKey == null || !cronScheduled ? null : shared.nextFireTime(cronKey);
        FireRecord last = executions == null ? null : executions.lastFire();
        return new JobInstanceStatus(paths.getJobName(), registration.getInstanceId(),
                state.get() == State.RUNNING && registeredLatch.getCount() == 0 && startFailure == null && connected,
                connected && state.get() == State.RUNNING, election != null && election.isLeader(), owned,
                executions == null ? List.of() : executions.runningItems(), next == null ? null : next.toInstant(),
                last == null ? null : new JobInstanceStatus.LastFire(last.startTime(), last.endTime(), last.source().name(), last.items(),
                        last.endTime() == null ? List.of() : last.failedItems()));
    }

    /** @return whether the job is running (started and not shut down) */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    // ------------------------------------------------------------------ fires

    private void scheduleCron(JobConfiguration config) {
        scheduler.scheduleCron(cronKey, config.getCron(), CronFires.timeZone(config), () -> fire(ExecutionSource.NORMAL));
        cronScheduled = true;
    }

    private void scheduleReconcile(JobConfiguration config) {
        if (config.getReconcileIntervalMinutes() > 0) {
            scheduler.scheduleInterval(reconcileKey, TimeUnit.MINUTES.toMillis(config.getReconcileIntervalMinutes()), this::requestRebalance);
        } else {
            scheduler.unschedule(reconcileKey);
        }
    }

    /**
     * Decides and dispatches one fire. Runs on a Quartz thread or the coordination executor;
     * reads only the cache.
     *
     * @param source why the job fires
     */
    public void fire(ExecutionSource source) {
        decide(source);
    }

    /** @return whether the fire was dispatched (true), or held back until the split is settled or skipped (false) */
    private boolean decide(ExecutionSource source) {
        if (!mayStart()) {
            if (source == ExecutionSource.MANUAL) {
                completeRunOnce(new IllegalStateException("Job '" + paths.getJobName()
                        + "' starts no items now: this instance has no contact with ZooKeeper or is shutting down"));
            }
            return false;
        }
        JobConfiguration config = configService.current();
        if (config.isDisabled() || JobNodePaths.DISABLED.equals(cache.getData(JobNodePaths.server(registration.getServerIp())))) {
            completeRunOnce(null);
            return false;
        }
        if (!cache.isLoaded() || cache.exists(JobNodePaths.SHARDING_NECESSARY)) {
            // not loaded yet, or the split is being changed: run as soon as the leader has written it
            pendingFire.accumulateAndGet(source, (previous, next) -> previous == ExecutionSource.MANUAL ? previous : next);
            if (cache.isLoaded() && !cache.exists(JobNodePaths.SHARDING_NECESSARY)) {
                runPendingFire();
            }
            return false;
        }
        List<Integer> items = new ArrayList<>();
        for (int item = 0; item < config.getShardingTotalCount(); item++) {
            if (scope.ownsItem(item) && !cache.exists(JobNodePaths.itemDisabled(item))) {
                items.add(item);
            }
        }
        executions.fire(items, source);
        if (source == ExecutionSource.MANUAL) {
            completeRunOnce(null);
        }
        return true;
    }

    private void runPendingFire() {
        ExecutionSource source = pendingFire.getAndSet(null);
        if (source != null) {
            fire(source);
        }
    }

    /**
     * Runs, once, the items this instance owns in a split that includes every live instance (a
     * one-off {@code execute()}): first catches up with every change ZooKeeper made before this
     * call (an instance that registered just now is seen), then, when a re-split is due, waits
     * for the leader to write it, as a cron fire does. Returns once the items are handed to the
     * job's executor; does not wait for them to end.
     *
     * @param timeoutMillis how long to wait for the split to settle
     * @throws IllegalStateException when the split did not settle in time (the run then starts
     *                               once it has), or this instance cannot start items now
     */
    public void runOwnItemsOnce(long timeoutMillis) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("Job '" + paths.getJobName() + "' is not running on this instance");
        }
        java.util.concurrent.CompletableFuture<Void> dispatched = new java.util.concurrent.CompletableFuture<>();
        synchronized (runOnceWaiters) {
            runOnceWaiters.add(dispatched);
        }
        Runnable request = () -> coordination.execute(() -> fire(ExecutionSource.MANUAL));
        if (cache.isLoaded()) {
            cache.afterCatchUp(request);
        } else {
            request.run();
        }
        try {
            dispatched.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("Job '" + paths.getJobName() + "': the split was not settled within " + timeoutMillis
                    + " ms (a re-split is due and no leader has written it yet); the run starts once it is", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while job '" + paths.getJobName() + "' waited for its split", ex);
        } finally {
            synchronized (runOnceWaiters) {
                runOnceWaiters.remove(dispatched);
            }
        }
    }

    private void completeRunOnce(Exception failure) {
        List<java.util.concurrent.CompletableFuture<Void>> waiting;
        synchronized (runOnceWaiters) {
            waiting = new ArrayList<>(runOnceWaiters);
            runOnceWaiters.clear();
        }
        waiting.forEach(each -> {
            if (failure == null) {
                each.complete(null);
            } else {
                each.completeExceptionally(failure);
            }
        });
    }

    private boolean mayStart() {
        return state.get() == State.RUNNING && connected;
    }

    // ------------------------------------------------------------------ cache changes (ZooKeeper event thread)

    @Override
    public void nodeChanged(JobTreeCache.Type type, String relative, JobTreeCache.Node node, long zxid) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Job '{}' on {}: {} {} zxid 0x{}", paths.getJobName(), registration.getInstanceId(), type, relative, Long.toHexString(zxid));
        }
        if (state.get() != State.RUNNING) {
            return;
        }
        if (relative.equals(JobNodePaths.CONFIG)) {
            if (type != JobTreeCache.Type.DELETED) {
                String json = cache.getData(relative);
                coordination.execute(() -> applyConfiguration(json));
            } else if (zxid > 0 && connected) {
                stopBecauseRemoved("the job was removed from ZooKeeper by an operator");
            }
        } else if (relative.startsWith(JobNodePaths.INSTANCES + "/")) {
            instanceChanged(type, JobNodePaths.leafOf(relative), node, zxid);
        } else if (relative.startsWith(JobNodePaths.SERVERS + "/")) {
            requestRebalance();
        } else if (relative.equals(JobNodePaths.SHARDING_NECESSARY)) {
            if (type == JobTreeCache.Type.DELETED) {
                coordination.execute(this::runPendingFire);
            } else {
                requestRebalance();
            }
        } else if (relative.startsWith(JobNodePaths.FAILOVER_ITEMS + "/")) {
            failoverEntryChanged(type, JobNodePaths.leafOf(relative), node);
        } else if (relative.equals(JobNodePaths.ELECTION_INSTANCE)) {
            if (type == JobTreeCache.Type.DELETED) {
                coordination.execute(election::announce);
            }
        } else if (relative.startsWith(JobNodePaths.SHARDING + "/")) {
            int item = JobNodePaths.itemOf(relative);
            String leaf = JobNodePaths.leafOf(relative);
            if ("running".equals(leaf) && type == JobTreeCache.Type.DELETED) {
                failOver(crashes.markDeleted(item, zxid));
                coordination.execute(() -> executions.runningMarkDeleted(item));
                if (item >= configService.current().getShardingTotalCount()) {
                    requestRebalance();
                }
            } else if ("failover".equals(leaf) && type == JobTreeCache.Type.DELETED) {
                failOver(crashes.markDeleted(item, zxid));
            } else if ("instance".equals(leaf) && type != JobTreeCache.Type.CREATED) {
                requestRebalance();
            }
        }
    }

    @Override
    public void reloaded() {
        if (state.get() == State.RUNNING) {
            requestRebalance();
            coordination.execute(this::claimFailovers);
            if (!cache.exists(JobNodePaths.SHARDING_NECESSARY)) {
                coordination.execute(this::runPendingFire);
            }
        }
    }

    private void instanceChanged(JobTreeCache.Type type, String instanceId, JobTreeCache.Node node, long zxid) {
        if (!instanceId.equals(registration.getInstanceId())) {
            if (type == JobTreeCache.Type.DELETED) {
                failOver(crashes.instanceDeleted(zxid));
            }
            if (type != JobTreeCache.Type.UPDATED) {
                requestRebalance();
            }
            return;
        }
        if (type == JobTreeCache.Type.DELETED) {
            // a node of an older session of this instance going away is not an operator's removal
            boolean ours = node.getStat() != null && node.getStat().getEphemeralOwner() == currentSession();
            if (!ours) {
                // a previous session of this instance expired with what it was running
                failOver(crashes.instanceDeleted(zxid));
            }
            if (!ours && !connected) {
                // the previous session has expired at last: register under the current one
                coordination.execute(this::recover);
            } else if (zxid > 0 && connected && ours) {
                stopBecauseRemoved("instance " + instanceId + " was removed from ZooKeeper by an operator");
            }
            return;
        }
        if (node != null && JobNodePaths.TRIGGER.equals(node.getData())) {
            int version = node.getStat().getVersion();
            coordination.execute(() -> {
                registration.clearOperation(version);
                fire(ExecutionSource.MANUAL);
            });
        } else if (node != null && JobNodePaths.DUMP.equals(node.getData())) {
            int version = node.getStat().getVersion();
            coordination.execute(() -> {
                registration.clearOperation(version);
                answerDump();
            });
        }
    }

    /** An operator asked for this instance's dump through ZooKeeper: answered in the ephemeral {@code dumps/{id}}. */
    private void answerDump() {
        String path = paths.full(JobNodePaths.dump(registration.getInstanceId()));
        byte[] text = dump().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text.length > DUMP_ANSWER_BYTES) {
            // a job with many items dumps more than a ZooKeeper request may carry: the answer is cut, never sent whole
            String cut = new String(text, 0, DUMP_ANSWER_BYTES, java.nio.charset.StandardCharsets.UTF_8);
            text = (cut.substring(0, cut.lastIndexOf('\n') + 1) + "# … cut at " + DUMP_ANSWER_BYTES + " of " + text.length
                    + " bytes; the whole dump is returned by the bootstrap's dump() or the dump port" + System.lineSeparator())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            client.create().orSetData().creatingParentContainersIfNeeded().withMode(org.apache.zookeeper.CreateMode.EPHEMERAL).forPath(path, text);
        } catch (Exception ex) {
            LOG.warn("Job '{}': cannot answer a dump request: {}", paths.getJobName(), ex.toString());
        }
    }

    /** An operator removed the instance or the whole job: shut down without writing anything back. */
    private void stopBecauseRemoved(String why) {
        if (removedByOperator) {
            return;
        }
        removedByOperator = true;
        LOG.info("Job '{}': {}; shutting it down", paths.getJobName(), why);
        Thread stopper = new Thread(this::shutdown, "cronshard-shutdown-" + paths.getJobName());
        stopper.setDaemon(true);
        stopper.start();
    }

    private void requestRebalance() {
        if (state.get() == State.RUNNING && election != null && election.isLeader() && rebalanceQueued.compareAndSet(false, true)) {
            coordination.execute(() -> {
                rebalanceQueued.set(false);
                if (state.get() == State.RUNNING && connected) {
                    boolean applied = rebalancer.rebalance() & failoverQueue.flush();
                    retryLeaderWritesIfRefused(applied);
                    sweepServers();
                }
            });
        }
    }

    /** Removes servers without instances after the grace period; a timer runs only while one waits. */
    private void sweepServers() {
        boolean waiting = election.isLeader() && staleServers.sweep();
        if (waiting && !sweepScheduled) {
            scheduler.scheduleInterval(sweepKey, Math.max(1_000L, StaleServers.configuredGraceMillis() / 2), this::requestRebalance);
        } else if (!waiting && sweepScheduled) {
            scheduler.unschedule(sweepKey);
        }
        sweepScheduled = waiting;
    }

    /** A refused leader write means the cache was behind: try again once it caught up, a few times. */
    private void retryLeaderWritesIfRefused(boolean applied) {
        if (applied) {
            leaderWriteRetries = 0;
        } else if (++leaderWriteRetries <= MAX_LEADER_WRITE_RETRIES) {
            cache.afterCatchUp(this::requestRebalance);
        } else {
            LOG.warn("Job '{}': the leader's writes keep being refused; waiting for the next change", paths.getJobName());
            leaderWriteRetries = 0;
        }
    }

    // ------------------------------------------------------------------ failover

    /** Items a crashed instance was running: the leader queues them for the survivors. */
    private void failOver(Set<Integer> crashedItems) {
        if (crashedItems.isEmpty() || !configService.current().isFailover()) {
            return;
        }
        LOG.info("Job '{}': items {} were running on an instance that is gone", paths.getJobName(), crashedItems);
        failoverQueue.add(crashedItems);
        coordination.execute(() -> {
            if (state.get() == State.RUNNING && connected) {
                retryLeaderWritesIfRefused(failoverQueue.flush());
            }
        });
    }

    private void failoverEntryChanged(JobTreeCache.Type type, String entry, JobTreeCache.Node node) {
        int item;
        try {
            item = Integer.parseInt(entry);
        } catch (NumberFormatException ex) {
            return;
        }
        if (type == JobTreeCache.Type.DELETED) {
            return;
        }
        failoverQueue.queued(item);
        if (node != null && registration.getInstanceId().equals(node.getData())) {
            coordination.execute(this::claimFailovers);
        }
    }

    /** Runs, all at once, every queued item that names this instance. */
    private void claimFailovers() {
        if (!mayStart()) {
            return;
        }
        List<Integer> mine = new ArrayList<>();
        for (String entry : cache.getChildren(JobNodePaths.FAILOVER_ITEMS)) {
            if (registration.getInstanceId().equals(cache.getData(JobNodePaths.FAILOVER_ITEMS + "/" + entry))) {
                try {
                    int item = Integer.parseInt(entry);
                    if (!executions.isRunning(item)) {
                        mine.add(item);
                    }
                } catch (NumberFormatException ignored) {
                    LOG.debug("Job '{}': ignoring failover entry {}", paths.getJobName(), entry);
                }
            }
        }
        executions.failover(mine);
    }

    private void applyConfiguration(String json) {
        JobConfiguration previous = configService.update(json, runner::validate);
        if (previous == null || state.get() != State.RUNNING) {
            return;
        }
        JobConfiguration current = configService.current();
        LOG.info("Job '{}' configuration changed in ZooKeeper: {}", paths.getJobName(), current);
        if (cronScheduled && (!Objects.equals(previous.getCron(), current.getCron()) || !Objects.equals(previous.getTimeZone(), current.getTimeZone()))) {
            if (current.getCron() == null) {
                LOG.warn("Job '{}': the new configuration has no cron; the job keeps its schedule {}", paths.getJobName(), previous.getCron());
            } else if (willFire(current)) {
                scheduleCron(current);
                LOG.info("Job '{}' rescheduled: cron {} in {}", paths.getJobName(), current.getCron(), CronFires.timeZone(current).getID());
            }
        }
        if (previous.getReconcileIntervalMinutes() != current.getReconcileIntervalMinutes()) {
            scheduleReconcile(current);
        }
        if (!previous.getJobExecutorServiceHandlerType().equals(current.getJobExecutorServiceHandlerType())) {
            LOG.warn("Job '{}': jobExecutorServiceHandlerType applies after a restart of the instance", paths.getJobName());
        }
        if (previous.getShardingTotalCount() != current.getShardingTotalCount()
                || !previous.getJobShardingStrategyType().equals(current.getJobShardingStrategyType())) {
            requestRebalance();
        }
        if (previous.isDisabled() != current.isDisabled()) {
            LOG.info("Job '{}' is {}", paths.getJobName(), current.isDisabled() ? "disabled" : "enabled");
        }
    }

    private boolean willFire(JobConfiguration config) {
        try {
            CronFires.requireNextFire(config);
            return true;
        } catch (JobConfigurationException ex) {
            LOG.warn("Job '{}' keeps its schedule: {}", paths.getJobName(), ex.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------ connection

    private void connectionChanged(CuratorFramework ignored, ConnectionState newState) {
        switch (newState) {
            case SUSPENDED:
            case LOST:
                if (connected) {
                    LOG.warn("Job '{}': ZooKeeper connection {}; no new items start until it is back", paths.getJobName(), newState);
                }
                connected = false;
                if (newState == ConnectionState.LOST) {
                    unscheduleInterrupt();
                    executions.interruptRunning();
                } else {
                    scheduleInterrupt();
                }
                break;
            case RECONNECTED:
                unscheduleInterrupt();
                coordination.execute(this::recover);
                break;
            default:
                break;
        }
    }

    /**
     * The client notices a silent connection after two thirds of the session timeout, so the
     * server may expire the session one third later: running items are interrupted half-way
     * through that last third unless the connection comes back first.
     */
    private void scheduleInterrupt() {
        SharedScheduler shared = scheduler;
        if (shared == null) {
            return;
        }
        long sessionTimeout;
        try {
            sessionTimeout = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception ex) {
            sessionTimeout = client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        }
        shared.scheduleInterval(interruptKey, Math.max(100L, sessionTimeout / 6), () -> {
            unscheduleInterrupt();
            if (!connected && state.get() == State.RUNNING) {
                executions.interruptRunning();
            }
        });
    }

    private void unscheduleInterrupt() {
        SharedScheduler shared = scheduler;
        if (shared != null && interruptKey != null) {
            shared.unschedule(interruptKey);
        }
    }

    private void recover() {
        if (state.get() != State.RUNNING) {
            return;
        }
        try {
            executions.clearStaleMarks();
            if (!registration.reRegister()) {
                return;
            }
            connected = true;
            LOG.info("Job '{}': ZooKeeper connection is back; instance {} resumes", paths.getJobName(), registration.getInstanceId());
            requestRebalance();
            claimFailovers();
            runPendingFire();
        } catch (Exception ex) {
            LOG.warn("Job '{}': cannot register again after reconnecting; retrying at the next reconnection: {}", paths.getJobName(), ex.toString());
        }
    }

    private long currentSession() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception ex) {
            return 0L;
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops the instance gracefully: no new fires, running items end (up to a minute), nodes
     * removed, threads released. Idempotent.
     */
    public void shutdown() {
        if (state.get() == State.RUNNING && registeredLatch.getCount() > 0) {
            // a start still being written finishes first, so that what schedule() decided is stored
            try {
                registeredLatch.await(Math.max(5_000L, client.getZookeeperClient().getConnectionTimeoutMs()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return;
        }
        if (scheduler != null) {
            scheduler.unschedule(cronKey);
            scheduler.unschedule(reconcileKey);
            scheduler.unschedule(sweepKey);
            scheduler.unschedule(interruptKey);
        }
        try {
            if (!executions.awaitIdle(SHUTDOWN_WAIT_MILLIS)) {
                LOG.warn("Job '{}': items still ran after {} ms; interrupting them", paths.getJobName(), SHUTDOWN_WAIT_MILLIS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        observer.flush(ExecutionObservers.FLUSH_MILLIS);
        releaseResources(!removedByOperator);
        state.set(State.STOPPED);
        LOG.info("Job '{}' instance {} shut down", paths.getJobName(), registration.getInstanceId());
    }

    /**
     * @return this instance's view of the job next to ZooKeeper's, differences marked (see {@link JobDump})
     */
    public String dump() {
        JobTreeCache current = cache;
        if (current == null) {
            return "# job " + paths.getJobName() + ": this instance has not started" + System.lineSeparator();
        }
        return new JobDump(client, paths, current).dump(registration.getInstanceId());
    }

    /** @return whether the cache shows live instances of the job other than this one */
    private boolean othersRemain() {
        if (cache == null) {
            return false;
        }
        for (String instance : cache.getChildren(JobNodePaths.INSTANCES)) {
            if (!instance.equals(registration.getInstanceId())) {
                return true;
            }
        }
        return false;
    }

    private void releaseResources(boolean unregister) {
        DumpServer.Registration dumps = dumpRegistration;
        if (dumps != null) {
            dumps.close();
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        if (election != null) {
            try {
                election.close();
            } catch (Exception ex) {
                LOG.debug("Closing the election of job '{}' failed", paths.getJobName(), ex);
            }
        }
        if (unregister) {
            registration.unregister(othersRemain());
        }
        if (cache != null) {
            cache.close();
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Job '{}': some items ignored interruption and still run", paths.getJobName());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (scheduler != null) {
            SharedScheduler shared = scheduler;
            scheduler = null;
            if (reservedId != null) {
                shared.releaseInstance(reservedId);
            }
            shared.release();
        }
    }
}
