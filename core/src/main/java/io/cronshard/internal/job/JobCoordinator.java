package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobInstanceStatus;
import io.cronshard.api.listener.JobListener;
import io.cronshard.internal.common.SerialExecutor;
import io.cronshard.internal.config.ConfigurationService;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.instance.InstanceRegistration;
import io.cronshard.internal.instance.NamespaceSnapshot;
import io.cronshard.internal.instance.ServerIp;
import io.cronshard.internal.listener.FireListeners;
import io.cronshard.internal.runtime.CronFires;
import io.cronshard.internal.runtime.CronshardRuntime;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lifecycle of one instance of one job, as its bootstrap drives it: {@link #start()} checks
 * everything that can be refused, chooses the instance id and builds the instance's
 * {@link JobRuntime}; the registration is written together with those of other jobs starting at
 * the same moment, and once ZooKeeper has accepted it the runtime starts (cache, election, cron).
 * {@link #shutdown()} stops firing, lets running items end, and releases everything.
 */
public final class JobCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(JobCoordinator.class);

    /** How long shutdown waits for running items. */
    static final long SHUTDOWN_WAIT_MILLIS = 60_000L;

    private static final int MAX_REGISTRATION_ATTEMPTS = 10;

    private enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED }

    private final CuratorFramework client;
    private final JobConfiguration localConfig;
    private final ItemRunner body;
    private final List<JobListener> listeners;
    private final boolean withCron;
    private final JobNodePaths paths;
    private final ConfigurationService configService;
    private final InstanceRegistration registration;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch registeredLatch = new CountDownLatch(1);
    private final AtomicReference<CronshardRuntime> jvm = new AtomicReference<>();
    private final AtomicReference<JobRuntime> runtime = new AtomicReference<>();
    private final AtomicReference<String> reservedId = new AtomicReference<>();
    private final AtomicReference<Exception> startFailure = new AtomicReference<>();
    private final AtomicBoolean removedByOperator = new AtomicBoolean();

    /**
     * Checks everything that can be checked without ZooKeeper; writes nothing.
     *
     * @param regCenter an initialised ZooKeeper registry center
     * @param body the job's body
     * @param config the local configuration (validated by its builder)
     * @param listeners called around each fire
     * @param withCron whether the job fires on its cron (false for a one-off job)
     */
    public JobCoordinator(CoordinatorRegistryCenter regCenter, ItemRunner body, JobConfiguration config, List<JobListener> listeners,
                          boolean withCron) {
        Objects.requireNonNull(regCenter, "regCenter must not be null");
        this.localConfig = Objects.requireNonNull(config, "jobConfiguration must not be null");
        this.body = Objects.requireNonNull(body, "job must not be null");
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
        this.withCron = withCron;
        if (!(regCenter.getRawClient() instanceof CuratorFramework curator)) {
            throw new IllegalArgumentException("Cronshard runs on ZooKeeper: regCenter must be a ZookeeperRegistryCenter");
        }
        if (withCron) {
            CronFires.requireNextFire(config);
        }
        body.validate(config);
        this.client = curator;
        this.paths = new JobNodePaths(config.getJobName());
        this.configService = new ConfigurationService(client, paths);
        this.registration = new InstanceRegistration(client, paths, ServerIp.detect());
    }

    /**
     * Starts the instance: everything that can be refused is checked (the stored configuration,
     * the types, ZooKeeper being reachable and readable; the clock when {@code maxTimeDiffSeconds >= 0})
     * before this returns; the registration lands a few milliseconds later.
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            throw new IllegalStateException("Job '" + paths.getJobName() + "' was already started");
        }
        if (client.getState() != CuratorFrameworkState.STARTED) {
            state.set(State.STOPPED);
            throw new IllegalStateException("The registry center is not initialised: call init() before scheduling job '"
                    + paths.getJobName() + "'");
        }
        try {
            CronshardRuntime shared = CronshardRuntime.acquire();
            jvm.set(shared);
            InstanceRegistration.Prepared prepared = registration.prepare(configService, localConfig, this::checkRunnable, this::reserve,
                    shared.perClient(client, NamespaceSnapshot.class, each -> new NamespaceSnapshot(each, System::currentTimeMillis)));
            configService.adopt(prepared.configuration(), localConfig);
            SerialExecutor coordination = new SerialExecutor(shared.coordination(), paths.getJobName());
            runtime.set(new JobRuntime(shared, client, paths, registration, configService, coordination, localConfig, body, listeners,
                    () -> state.get() == State.RUNNING, this::stopBecauseRemoved));
            state.set(State.RUNNING);
            shared.sendWithOtherStarts(() -> registration.write(prepared, outcome -> coordination.execute(() -> registered(outcome, 1))));
            if (configService.current().getMaxTimeDiffSeconds() >= 0) {
                // the clock check needs the registered node: a clock error is the caller's, so wait for it
                awaitRegistered();
            }
        } catch (RuntimeException | Error ex) {
            state.set(State.STOPPING);
            release(true);
            state.set(State.STOPPED);
            throw ex;
        }
    }

    /** The registration's transaction has answered: checks the clock and starts the runtime. */
    private void registered(InstanceRegistration.Outcome outcome, int attempt) {
        if (state.get() != State.RUNNING) {
            if (outcome == InstanceRegistration.Outcome.REGISTERED) {
                registration.unregister();
            }
            return;
        }
        try {
            if (outcome == InstanceRegistration.Outcome.CHANGED && attempt < MAX_REGISTRATION_ATTEMPTS) {
                InstanceRegistration.Prepared again = registration.prepare(configService, localConfig, this::checkRunnable, this::reserve, null);
                configService.adopt(again.configuration(), localConfig);
                registration.write(again, next -> runtime.get().execute(() -> registered(next, attempt + 1)));
                return;
            }
            if (outcome != InstanceRegistration.Outcome.REGISTERED) {
                throw new RegistryCenterException("Cannot register instance " + registration.getInstanceId() + " of job '" + paths.getJobName() + "'");
            }
            registration.checkClock(configService.current().getMaxTimeDiffSeconds());
            runtime.get().start(withCron);
            registeredLatch.countDown();
            LOG.info("Job '{}' started instance {} ({})", paths.getJobName(), registration.getInstanceId(),
                    withCron ? "cron " + configService.current().getCron() : "one-off");
        } catch (Exception ex) {
            LOG.error("Job '{}' cannot start instance {}: {}", paths.getJobName(), registration.getInstanceId(), ex.getMessage(), ex);
            startFailure.set(ex);
            registeredLatch.countDown();
            inBackground(this::shutdown);
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
        Exception failure = startFailure.get();
        if (failure instanceof RuntimeException refused) {
            throw refused;
        }
        if (failure != null) {
            throw new RegistryCenterException("Job '" + paths.getJobName() + "' could not start", failure);
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
        Exception failure = startFailure.get();
        if (failure != null) {
            throw new RegistryCenterException("Job '" + paths.getJobName() + "' could not start: " + failure.getMessage(), failure);
        }
        return registered && runtime.get().awaitLoaded(Math.max(0L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }

    private boolean reserve(String instanceId) {
        String key = client.getNamespace() + "|" + paths.getJobName() + "|" + instanceId;
        if (!jvm.get().instanceIds().reserve(key)) {
            return false;
        }
        reservedId.set(key);
        return true;
    }

    /** Refuses, before anything is written, a configuration this instance cannot run. */
    private void checkRunnable(JobConfiguration config) {
        if (withCron && config.getCron() == null) {
            throw JobConfigurationException.invalid("cron", null,
                    "the configuration stored for job '" + paths.getJobName() + "' has no cron; a scheduled job needs one");
        }
        if (withCron) {
            CronFires.requireNextFire(config);
        }
        body.validate(config);
        FireListeners.requireFits(listeners, config, ZKPaths.fixForNamespace(client.getNamespace(), paths.root()));
        // the pluggable types were checked by the configuration's builder, for a stored one too
    }

    /** @return this instance's id, null before start */
    public String getInstanceId() {
        return registration.getInstanceId();
    }

    /** @return the configuration the job runs with now */
    public JobConfiguration currentConfiguration() {
        return configService.current();
    }

    /** @return whether the job is running (started and not shut down) */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /**
     * Runs, once, the items this instance owns in a split that includes every live instance (a
     * one-off {@code execute()}); see {@code Fires#runOwnItemsOnce}.
     *
     * @param timeoutMillis how long to wait for the split to settle
     */
    public void runOwnItemsOnce(long timeoutMillis) {
        JobRuntime current = runtime.get();
        if (state.get() != State.RUNNING || current == null) {
            throw new IllegalStateException("Job '" + paths.getJobName() + "' is not running on this instance");
        }
        current.fires().runOwnItemsOnce(timeoutMillis);
    }

    /**
     * Decides and dispatches one fire now, on the calling thread (as the cron would).
     *
     * @param source why the job fires
     */
    public void fire(ExecutionSource source) {
        JobRuntime current = runtime.get();
        if (current != null) {
            current.fires().fire(source, 0L);
        }
    }

    /** @return this instance's view of itself now, from local state only */
    public JobInstanceStatus status() {
        JobRuntime current = runtime.get();
        boolean registered = state.get() == State.RUNNING && registeredLatch.getCount() == 0 && startFailure.get() == null;
        if (current == null) {
            return new JobInstanceStatus(paths.getJobName(), registration.getInstanceId(), false, false, false, List.of(), List.of(), null, null);
        }
        return current.status(registered);
    }

    /** @return this instance's view of the job next to ZooKeeper's, differences marked (see {@code JobDump}) */
    public String dump() {
        JobRuntime current = runtime.get();
        if (current == null || registeredLatch.getCount() > 0) {
            return "# job " + paths.getJobName() + ": this instance has not started" + System.lineSeparator();
        }
        return current.dumpText();
    }

    /** An operator removed the instance or the whole job: shut down without writing anything back. */
    private void stopBecauseRemoved(String why) {
        if (removedByOperator.compareAndSet(false, true)) {
            LOG.info("Job '{}': {}; shutting it down", paths.getJobName(), why);
            inBackground(this::shutdown);
        }
    }

    private void inBackground(Runnable task) {
        Thread thread = new Thread(task, "cronshard-shutdown-" + paths.getJobName());
        thread.setDaemon(true);
        thread.start();
    }

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
        JobRuntime current = runtime.get();
        current.stopFiring();
        try {
            if (!current.awaitIdle(SHUTDOWN_WAIT_MILLIS)) {
                LOG.warn("Job '{}': items still ran after {} ms; interrupting them", paths.getJobName(), SHUTDOWN_WAIT_MILLIS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        release(!removedByOperator.get());
        state.set(State.STOPPED);
        LOG.info("Job '{}' instance {} shut down", paths.getJobName(), registration.getInstanceId());
    }

    private void release(boolean unregister) {
        JobRuntime current = runtime.get();
        if (current != null) {
            current.close(unregister);
        }
        CronshardRuntime shared = jvm.getAndSet(null);
        if (shared != null) {
            String reserved = reservedId.getAndSet(null);
            if (reserved != null) {
                shared.instanceIds().release(reserved);
            }
            shared.release();
        }
    }
}
