package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobInstanceStatus;
import io.cronshard.api.listener.JobListener;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.executor.JobExecutorServiceHandler;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.common.SerialExecutor;
import io.cronshard.internal.common.SystemSettings;
import io.cronshard.internal.common.Types;
import io.cronshard.internal.config.ConfigurationService;
import io.cronshard.internal.config.ConfigurationWatcher;
import io.cronshard.internal.connection.ConnectionGuard;
import io.cronshard.internal.connection.Sessions;
import io.cronshard.internal.diagnostics.JobDump;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.execution.FireContext;
import io.cronshard.internal.execution.FireRecord;
import io.cronshard.internal.execution.FireRunner;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.execution.MultiBatcher;
import io.cronshard.internal.execution.RunningItems;
import io.cronshard.internal.execution.StaleMarks;
import io.cronshard.internal.executor.SharedThreadsExecutorServiceHandler;
import io.cronshard.internal.failover.CrashWatch;
import io.cronshard.internal.failover.FailoverClaims;
import io.cronshard.internal.failover.FailoverQueue;
import io.cronshard.internal.fire.Fires;
import io.cronshard.internal.instance.InstanceNodeWatch;
import io.cronshard.internal.instance.InstanceRegistration;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.instance.StaleServers;
import io.cronshard.internal.listener.FireListeners;
import io.cronshard.internal.runtime.CronshardRuntime;
import io.cronshard.internal.signals.JobSignals;
import io.cronshard.internal.signals.UnownedItems;
import io.cronshard.internal.signals.UsualDurations;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One registered instance of one job: its parts, built once with everything they need, each
 * following the cache for the paths it cares about — the fire path ({@link Fires}), failover
 * ({@link CrashWatch}, {@link FailoverClaims}), the leader's duties, the election, the connection
 * guard, the configuration watcher and this instance's own node. It reacts to what they report
 * (a configuration change, an operator's request, a reconnection) and closes them in order.
 */
final class JobRuntime implements ConfigurationWatcher.Reactions, InstanceNodeWatch.Reactions {

    private static final Logger LOG = LoggerFactory.getLogger(JobRuntime.class);
    /** How long a shutdown waits for the instance's last tracing rows to be written. */
    private static final long FLUSH_MILLIS = 3_000L;
    /** The largest dump answered through ZooKeeper, in bytes, well within a request's limit. */
    static final int DUMP_ANSWER_BYTES = 256 * 1024;

    private final CronshardRuntime jvm;
    private final CuratorFramework client;
    private final JobScope scope;
    private final InstanceRegistration registration;
    private final ConfigurationService configService;
    private final JobTreeCache cache;
    private final SerialExecutor coordination;
    private final RunningItems runningItems;
    private final ExecutorService lane;
    private final ExecutionObserver observer;
    private final StaleMarks staleMarks;
    private final Fires fires;
    private final LeaderElection election;
    private final LeaderDuties leader;
    private final FailoverClaims claims;
    private final ConnectionGuard guard;
    private final BooleanSupplier isRunning;
    private final BooleanSupplier active;
    private final Consumer<String> stopBecauseRemoved;
    private final String cronKey;
    private final JobTriggers triggers;
    private final UnownedItems unowned;
    private final AtomicReference<Runnable> dumpRegistration = new AtomicReference<>(() -> { });

    /**
     * Builds the instance's parts; nothing is started or written.
     *
     * @param jvm the JVM's shared runtime
     * @param client the registry's client
     * @param paths the job's paths
     * @param registration this instance's registration (its id chosen)
     * @param configService holds the configuration
     * @param coordination the job's serial coordination executor
     * @param local the configuration given to the bootstrap (tracing and metrics are local)
     * @param body the job's body
     * @param listeners the bootstrap's listeners
     * @param isRunning whether the instance is running (not shutting down)
     * @param stopBecauseRemoved shuts the instance down without writing anything back, saying why
     */
    JobRuntime(CronshardRuntime jvm, CuratorFramework client, JobNodePaths paths, InstanceRegistration registration,
               ConfigurationService configService, SerialExecutor coordination, JobConfiguration local, ItemRunner body,
               List<JobListener> listeners,
               BooleanSupplier isRunning, Consumer<String> stopBecauseRemoved) {
        JobConfiguration config = configService.current();
        this.jvm = jvm;
        this.client = client;
        this.registration = registration;
        this.configService = configService;
        this.isRunning = isRunning;
        this.stopBecauseRemoved = stopBecauseRemoved;
        String instanceId = registration.getInstanceId();
        this.cronKey = "cronshard." + paths.getJobName() + "." + instanceId;
        this.cache = new JobTreeCache(client, paths);
        this.scope = new JobScope(paths.getJobName(), instanceId, paths, client, cache);
        this.coordination = coordination;
        this.runningItems = new RunningItems(paths.getJobName());
        this.staleMarks = new StaleMarks(scope);
        this.guard = new ConnectionGuard(paths.getJobName(), jvm.triggers(), cronKey + ".interrupt", () -> Sessions.timeoutMillis(client),
                () -> {
                    if (isRunning.getAsBoolean()) {
                        runningItems.interruptBodies();
                    }
                }, () -> coordination.execute(this::recover));
        this.active = () -> isRunning.getAsBoolean() && guard.isConnected();
        JobExecutorServiceHandler handler = Types.require(JobExecutorServiceHandler.class, config.getJobExecutorServiceHandlerType(),
                "jobExecutorServiceHandlerType");
        this.lane = handler instanceof SharedThreadsExecutorServiceHandler shared
                ? shared.createExecutorService(paths.getJobName(), jvm.itemThreads()) : handler.createExecutorService(paths.getJobName());
        this.observer = ExecutionObservers.of(local, jvm.tracingWriter());
        JobErrorHandler errorHandler = Types.require(JobErrorHandler.class, config.getJobErrorHandlerType(), "jobErrorHandlerType");
        FireListeners fireListeners = new FireListeners(scope, listeners, config.getJobListenerTypes());
        JobSignals signals = JobSignals.of(local, instanceId);
        FireContext fireContext = new FireContext(scope, configService::current, lane, errorHandler, body, fireListeners, active, runningItems,
                jvm.itemTimers(), signals, new UsualDurations(SystemSettings.overdueFactor(), SystemSettings.overdueMinMillis()),
                jvm.perClient(client, MultiBatcher.class, each -> new MultiBatcher()));
        this.fires = new Fires(scope, configService::current, registration.getServerIp(), active,
                () -> isRunning.getAsBoolean() && !guard.isConnected(), signals, runningItems, coordination,
                events -> new FireRunner(fireContext, observer, registration.getServerIp(), staleMarks, events));
        this.election = new LeaderElection(client, paths, instanceId, this::becameLeader, coordination);
        this.unowned = new UnownedItems(cache, configService::current, election::isLeader, signals, jvm.itemTimers(), () -> Sessions.timeoutMillis(client),
                coordination);
        FailoverQueue failoverQueue = new FailoverQueue(scope, election);
        StaleServers staleServers = new StaleServers(scope, SystemSettings.staleServerGraceMillis(), System::currentTimeMillis);
        this.leader = new LeaderDuties(scope, configService::current, election, failoverQueue, staleServers, jvm.triggers(),
                cronKey + ".servers", coordination, isRunning, guard::isConnected);
        this.claims = new FailoverClaims(scope, configService::current, failoverQueue, runningItems, fires.runner(), active, coordination);
        this.triggers = new JobTriggers(paths.getJobName(), jvm.triggers(), cronKey, planned -> {
            fires.fire(ExecutionSource.NORMAL, planned);
            unowned.fired();
        }, leader::requestRebalance);
        InstanceNodeWatch instanceNode = new InstanceNodeWatch(registration, () -> Sessions.id(client), guard::isConnected, coordination, this);
        follow(ConfigurationWatcher::follows, new ConfigurationWatcher(configService, body::validate, coordination, guard::isConnected, this));
        follow(instanceNode::follows, instanceNode);
        follow(CrashWatch::follows, new CrashWatch(scope, configService::current, failoverQueue, () -> Sessions.id(client), leader::flushFailovers));
        follow(LeaderDuties::follows, leader);
        follow(FailoverClaims::follows, claims);
        follow(Fires::follows, fires);
        follow(LeaderElection::follows, election);
        follow(UnownedItems::follows, unowned);
    }

    /**
     * The second half of the start, once the instance is registered, on the coordination executor:
     * loads the cache, joins the election and schedules the cron and the reconcile timer.
     *
     * @param withCron whether to schedule the cron (false for a one-off job)
     * @throws Exception when ZooKeeper cannot be read or the election joined
     */
    void start(boolean withCron) throws Exception {
        JobConfiguration config = configService.current();
        client.getConnectionStateListenable().addListener(guard);
        fires.runner().prepare();
        cache.start();
        election.start();
        if (withCron) {
            triggers.scheduleCron(config);
        }
        triggers.scheduleReconcile(config);
        dumpRegistration.set(jvm.registerDump(scope.jobName(), this::dumpText));
    }

    /** Subscribes a part to the cache: it hears of the paths it follows while the instance runs, not once it shuts down. */
    private void follow(Predicate<String> paths, CacheListener part) {
        cache.subscribe(paths, new CacheListener() {
            @Override
            public void nodeChanged(ChangeType type, String relativePath, CachedNode node, long zxid) {
                if (isRunning.getAsBoolean()) {
                    part.nodeChanged(type, relativePath, node, zxid);
                }
            }

            @Override
            public void reloaded() {
                if (isRunning.getAsBoolean()) {
                    part.reloaded();
                }
            }
        });
    }

    private void becameLeader() {
        leader.requestRebalance();
    }

    /**
     * @param task runs after the job's coordination tasks queued before it, one at a time
     */
    void execute(Runnable task) {
        coordination.execute(task);
    }

    /** @return the fire path */
    Fires fires() {
        return fires;
    }

    /** @return whether the cache has loaded the job's subtree once, within the time */
    boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
        return cache.awaitLoaded(timeoutMillis);
    }

    // ------------------------------------------------------------------ what the parts report

    @Override
    public void changed(JobConfiguration previous, JobConfiguration current) {
        if (!isRunning.getAsBoolean()) {
            return;
        }
        LOG.info("Job '{}' configuration changed in ZooKeeper: {}", scope.jobName(), current);
        triggers.changed(previous, current);
        if (!previous.getJobExecutorServiceHandlerType().equals(current.getJobExecutorServiceHandlerType())) {
            LOG.warn("Job '{}': jobExecutorServiceHandlerType applies after a restart of the instance", scope.jobName());
        }
        if (previous.getShardingTotalCount() != current.getShardingTotalCount()
                || !previous.getJobShardingStrategyType().equals(current.getJobShardingStrategyType())) {
            leader.requestRebalance();
        }
        if (previous.isDisabled() != current.isDisabled()) {
            LOG.info("Job '{}' is {}", scope.jobName(), current.isDisabled() ? "disabled" : "enabled");
        }
    }

    @Override
    public void removed() {
        stopBecauseRemoved.accept("the job was removed from ZooKeeper by an operator");
    }

    @Override
    public void trigger() {
        fires.fire(ExecutionSource.MANUAL, 0L);
    }

    /** An operator asked for this instance's dump through ZooKeeper: answered in the ephemeral {@code dumps/{id}}. */
    @Override
    public void dump() {
        String path = scope.paths().full(JobNodePaths.dump(scope.instanceId()));
        try {
            client.create().orSetData().creatingParentContainersIfNeeded().withMode(org.apache.zookeeper.CreateMode.EPHEMERAL)
                    .forPath(path, JobDump.cut(dumpText(), DUMP_ANSWER_BYTES));
        } catch (Exception ex) {
            LOG.warn("Job '{}': cannot answer a dump request: {}", scope.jobName(), ex.toString());
        }
    }

    @Override
    public void removedByOperator() {
        stopBecauseRemoved.accept("instance " + scope.instanceId() + " was removed from ZooKeeper by an operator");
    }

    @Override
    public void previousSessionGone() {
        recover();
    }

    /** After a reconnection or a new session: clears marks left in doubt, registers again, then resumes. */
    private void recover() {
        if (!isRunning.getAsBoolean()) {
            return;
        }
        try {
            staleMarks.clear();
            if (!registration.reRegister()) {
                return;
            }
            guard.resumed();
            LOG.info("Job '{}': ZooKeeper connection is back; instance {} resumes", scope.jobName(), scope.instanceId());
            leader.requestRebalance();
            claims.claim();
            fires.runPending();
        } catch (Exception ex) {
            LOG.warn("Job '{}': cannot register again after reconnecting; retrying at the next reconnection: {}", scope.jobName(), ex.toString());
        }
    }

    // ------------------------------------------------------------------ reading

    /** @return this instance's view of itself now, from local state only */
    JobInstanceStatus status(boolean registered) {
        JobConfiguration config = configService.current();
        List<Integer> owned = new ArrayList<>();
        for (int item = 0; item < config.getShardingTotalCount(); item++) {
            if (scope.ownsItem(item)) {
                owned.add(item);
            }
        }
        FireRecord last = fires.runner().lastFire();
        return new JobInstanceStatus(scope.jobName(), scope.instanceId(), registered && guard.isConnected(), active.getAsBoolean(),
                election.isLeader(), owned, runningItems.snapshot(), triggers.nextFire(),
                last == null ? null : new JobInstanceStatus.LastFire(last.startTime(), last.endTime(), last.source().name(), last.items(),
                        last.endTime() == null ? List.of() : last.failedItems()));
    }

    /** @return this instance's view of the job next to ZooKeeper's, differences marked */
    String dumpText() {
        return new JobDump(client, scope.paths(), cache).dump(scope.instanceId());
    }

    // ------------------------------------------------------------------ stopping

    /** Unschedules the cron and every timer of this instance: no new fire starts, no item waits for another try. */
    void stopFiring() {
        triggers.stop();
        leader.close();
        guard.close();
        unowned.close();
        runningItems.wakeWaitingTries();
    }

    /**
     * Waits for running items, up to a bound.
     *
     * @param timeoutMillis the longest wait
     * @return whether they all ended
     * @throws InterruptedException when interrupted
     */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return runningItems.awaitIdle(timeoutMillis);
    }

    /**
     * Releases everything: the dump, the connection listener, the election, this instance's node
     * (when {@code unregister}; with others remaining, a re-split is requested in the same
     * transaction), the cache, the job's executor and the tracing rows still queued.
     *
     * @param unregister whether to delete this instance's node (false when an operator removed it)
     */
    void close(boolean unregister) {
        observer.flush(FLUSH_MILLIS);
        dumpRegistration.getAndSet(() -> { }).run();
        client.getConnectionStateListenable().removeListener(guard);
        try {
            election.close();
        } catch (Exception ex) {
            LOG.debug("Closing the election of job '{}' failed", scope.jobName(), ex);
        }
        if (unregister) {
            registration.unregister(othersRemain());
        }
        cache.close();
        lane.shutdownNow();
        try {
            if (!lane.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Job '{}': some items ignored interruption and still run", scope.jobName());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the cache shows live instances of the job other than this one */
    private boolean othersRemain() {
        return cache.getChildren(JobNodePaths.INSTANCES).stream().anyMatch(each -> !each.equals(scope.instanceId()));
    }
}
