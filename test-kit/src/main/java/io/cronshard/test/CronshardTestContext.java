package io.cronshard.test;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Cronshard for one test: a fresh namespace on a {@link TestZookeeper}, a connected registry center in it, instances of
 * jobs whose executions are recorded, and a way to fire a job now and wait until every item ran. Given to a test by
 * {@link CronshardTestExtension} (a new one per test method) or, in a Spring Boot test, by {@link CronshardTest} (one
 * per application context, as a bean).
 *
 * <p>Executions are seen of the instances this context observes: those it starts ({@link #schedule}, {@link #oneOff}) and,
 * under {@link CronshardTest}, the jobs of {@code cronshard.jobs}. Observing adds a {@code JobMetrics} hook in front
 * of the job's own, which is still called.
 *
 * <p>{@link #close()} shuts down the instances it started, then closes its registry centers.
 */
public final class CronshardTestContext implements AutoCloseable {

    /** How long {@link #fireNow(String)} waits by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> RUN_BY_TRIGGER = Set.of("MANUAL", "MISFIRE");

    private final TestZookeeper zookeeper;
    private final boolean ownsZookeeper;
    private final String namespace;
    private final ExecutionLog log = new ExecutionLog();
    private final List<CoordinatorRegistryCenter> registryCenters = new CopyOnWriteArrayList<>();
    private final List<Runnable> shutdowns = new CopyOnWriteArrayList<>();
    private final CoordinatorRegistryCenter registryCenter;

    private CronshardTestContext(TestZookeeper zookeeper, boolean ownsZookeeper) {
        this.zookeeper = zookeeper;
        this.ownsZookeeper = ownsZookeeper;
        this.namespace = "cronshard-test-" + UUID.randomUUID().toString().substring(0, 8);
        this.registryCenter = newRegistryCenter();
    }

    /**
     * A context in a fresh namespace on a running server; closing it leaves the server running.
     *
     * @param zookeeper the server
     * @return a context with a connected registry center
     */
    public static CronshardTestContext create(TestZookeeper zookeeper) {
        return new CronshardTestContext(zookeeper, false);
    }

    /** A context on a server of its own, stopped by {@link #close()}. */
    static CronshardTestContext withOwnZookeeper() {
        TestZookeeper zookeeper = TestZookeeper.start();
        try {
            return new CronshardTestContext(zookeeper, true);
        } catch (RuntimeException ex) {
            zookeeper.close();
            throw ex;
        }
    }

    /** @return the ZooKeeper server, e.g. to {@link TestZookeeper#stop() stop} it */
    public TestZookeeper zookeeper() {
        return zookeeper;
    }

    /** @return this context's namespace, e.g. {@code cronshard-test-1a2b3c4d}: a {@code cronshard.reg-center.namespace} */
    public String namespace() {
        return namespace;
    }

    /** @return a registry center connected to {@link #namespace()}, closed by {@link #close()} */
    public CoordinatorRegistryCenter registryCenter() {
        return registryCenter;
    }

    /**
     * Another registry center in the same namespace: another ZooKeeper session, as another application (another JVM) would
     * have. Instances on it fail and recover independently of those on {@link #registryCenter()}.
     *
     * @return a connected registry center, closed by {@link #close()}
     */
    public CoordinatorRegistryCenter newRegistryCenter() {
        ZookeeperConfiguration config = new ZookeeperConfiguration(zookeeper.connectString(), namespace);
        config.setSessionTimeoutMilliseconds(10_000);
        config.setConnectionTimeoutMilliseconds(10_000);
        config.setBaseSleepTimeMilliseconds(100);
        config.setMaxSleepTimeMilliseconds(1_000);
        ZookeeperRegistryCenter result = new ZookeeperRegistryCenter(config);
        result.init();
        registryCenters.add(result);
        return result;
    }

    /**
     * Schedules an observed instance of a job on {@link #registryCenter()}.
     *
     * @param job the job's body
     * @param config its configuration, with a cron
     * @return the scheduled bootstrap, shut down by {@link #close()} unless the test does it first
     */
    public ScheduleJobBootstrap schedule(Job job, JobConfiguration config) {
        return schedule(registryCenter, job, config);
    }

    /**
     * Schedules an observed instance of a job.
     *
     * @param regCenter where: {@link #registryCenter()} or one of {@link #newRegistryCenter()}
     * @param job the job's body
     * @param config its configuration, with a cron
     * @return the scheduled bootstrap, shut down by {@link #close()} unless the test does it first
     */
    public ScheduleJobBootstrap schedule(CoordinatorRegistryCenter regCenter, Job job, JobConfiguration config) {
        AtomicReference<ScheduleJobBootstrap> instance = new AtomicReference<>();
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, observed(config, () -> instance.get().getJobInstanceId()));
        instance.set(bootstrap);
        shutdowns.add(bootstrap::shutdown);
        bootstrap.schedule();
        return bootstrap;
    }

    /**
     * Starts an observed one-off instance of a job on {@link #registryCenter()}: it joins the job now; run it with
     * {@code execute()} or {@link #fireNow(String)}.
     *
     * @param job the job's body
     * @param config its configuration, without cron
     * @return the bootstrap, shut down by {@link #close()} unless the test does it first
     */
    public OneOffJobBootstrap oneOff(Job job, JobConfiguration config) {
        return oneOff(registryCenter, job, config);
    }

    /**
     * Starts an observed one-off instance of a job.
     *
     * @param regCenter where: {@link #registryCenter()} or one of {@link #newRegistryCenter()}
     * @param job the job's body
     * @param config its configuration, without cron
     * @return the bootstrap, shut down by {@link #close()} unless the test does it first
     */
    public OneOffJobBootstrap oneOff(CoordinatorRegistryCenter regCenter, Job job, JobConfiguration config) {
        AtomicReference<OneOffJobBootstrap> instance = new AtomicReference<>();
        OneOffJobBootstrap bootstrap = new OneOffJobBootstrap(regCenter, job, observed(config, () -> {
            OneOffJobBootstrap current = instance.get();
            return current == null ? null : current.getJobInstanceId();
        }));
        instance.set(bootstrap);
        shutdowns.add(bootstrap::shutdown);
        return bootstrap;
    }

    /**
     * The configuration with this context's recorder in front of its metrics hook.
     *
     * @param config a job's configuration
     * @param instanceId the id of the instance that runs with it, asked when an item ends
     * @return the observed configuration
     */
    JobConfiguration observed(JobConfiguration config, Supplier<String> instanceId) {
        return config.toBuilder().metrics(log.recorder(config.getMetrics(), instanceId)).build();
    }

    /**
     * {@link #fireNow(String, Duration)} with {@link #DEFAULT_TIMEOUT}.
     *
     * @param jobName the job
     * @return the fire, one execution per item
     */
    public JobFire fireNow(String jobName) {
        return fireNow(jobName, DEFAULT_TIMEOUT);
    }

    /**
     * Runs the job once now on every live instance, each on its own items, and waits until every enabled item ran: waits
     * for the job's instances to be registered and its items split, triggers it ({@code JobOperateAPI.trigger}), then waits
     * for an execution of each enabled item that started after the trigger (an item still running from an earlier fire runs
     * once more after it).
     *
     * @param jobName the job
     * @param timeout how long to wait for all of it
     * @return the fire, one execution per item, with where each ran
     * @throws AssertionError when the job does not exist, is disabled, or did not run every item within the timeout; the
     *                        message says what was missing and where the missing items are owned
     */
    public JobFire fireNow(String jobName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> expected = awaitSettled(jobName, deadline);
        int from = log.size();
        Instant triggeredAt = Instant.now();
        try (JobOperateAPI operate = JobAPIFactory.createJobOperateAPI(registryCenter)) {
            operate.trigger(jobName);
        }
        Predicate<List<ItemExecution>> everyItem = executions -> byItem(executions, triggeredAt).keySet().containsAll(expected);
        List<ItemExecution> ran;
        try {
            ran = log.await(jobName, from, everyItem, remaining(deadline));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for job '" + jobName + "' to run", ex);
        }
        if (ran == null) {
            Map<Integer, ItemExecution> seen = byItem(log.of(jobName, from), triggeredAt);
            List<Integer> missing = expected.stream().filter(item -> !seen.containsKey(item)).toList();
            throw new AssertionError("Job '" + jobName + "' did not run items " + missing + " within " + timeout + " after a trigger; ran "
                    + seen.keySet() + ". Owners now: " + owners(jobName) + ". Only instances this test observes are seen (started through "
                    + "CronshardTestContext, or the jobs of cronshard.jobs under @CronshardTest).");
        }
        Map<Integer, ItemExecution> result = byItem(ran, triggeredAt);
        return new JobFire(jobName, triggeredAt, expected.stream().map(result::get).toList());
    }

    /** The first execution per item that a trigger at {@code triggeredAt} ran. */
    private static Map<Integer, ItemExecution> byItem(List<ItemExecution> executions, Instant triggeredAt) {
        Map<Integer, ItemExecution> result = new LinkedHashMap<>();
        for (ItemExecution each : executions) {
            if (RUN_BY_TRIGGER.contains(each.executionSource()) && !each.startedAt().isBefore(triggeredAt)) {
                result.putIfAbsent(each.item(), each);
            }
        }
        return result;
    }

    /** @return the enabled items once the job's instances are registered and every item has a live owner */
    private List<Integer> awaitSettled(String jobName, long deadline) {
        try (JobStatisticsAPI jobs = JobAPIFactory.createJobStatisticsAPI(registryCenter);
             ShardingStatisticsAPI sharding = JobAPIFactory.createShardingStatisticsAPI(registryCenter)) {
            JobBriefInfo brief = null;
            while (true) {
                brief = jobs.getJobBriefInfo(jobName);
                if (brief != null && brief.status() == JobStatus.DISABLED) {
                    throw new AssertionError("Job '" + jobName + "' is disabled: a trigger runs none of its items");
                }
                if (brief != null && brief.status() == JobStatus.OK) {
                    Collection<ShardingInfo> items = sharding.getShardingInfo(jobName);
                    List<ShardingInfo> enabled = items.stream().filter(each -> each.status() != ShardingInfo.ShardingStatus.DISABLED).toList();
                    if (enabled.stream().noneMatch(each -> each.instanceId().isEmpty())) {
                        return enabled.stream().map(ShardingInfo::item).sorted().toList();
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError(brief == null ? "No job named '" + jobName + "' in namespace '" + namespace + "'"
                            : "Job '" + jobName + "' did not settle: status " + brief.status() + " with " + brief.instanceCount()
                            + " live instance(s); owners: " + owners(jobName));
                }
                // the statistics API reads ZooKeeper; a short pause between reads, only while the job starts
                Thread.sleep(20);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for job '" + jobName + "' to settle", ex);
        }
    }

    private Map<Integer, String> owners(String jobName) {
        try (ShardingStatisticsAPI sharding = JobAPIFactory.createShardingStatisticsAPI(registryCenter)) {
            Map<Integer, String> result = new LinkedHashMap<>();
            sharding.getShardingInfo(jobName).stream().sorted(Comparator.comparingInt(ShardingInfo::item))
                    .forEach(each -> result.put(each.item(), each.instanceId().isEmpty() ? "none" : each.instanceId() + " " + each.status()));
            return result;
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * @param jobName a job
     * @return every execution of the job's observed instances so far, in the order they ended
     */
    public List<ItemExecution> executions(String jobName) {
        return log.of(jobName, 0);
    }

    /**
     * Waits until the job's executions so far satisfy a condition, e.g. that a cron fire ran every item:
     * {@code awaitExecutions("orders", runs -> runs.size() >= 3, Duration.ofSeconds(10))}.
     *
     * @param jobName a job
     * @param condition tested with every execution of the job so far, each time one ends
     * @param timeout how long to wait
     * @return the executions that satisfied it
     * @throws AssertionError when the timeout passed first
     */
    public List<ItemExecution> awaitExecutions(String jobName, Predicate<List<ItemExecution>> condition, Duration timeout) {
        try {
            List<ItemExecution> result = log.await(jobName, 0, condition, timeout);
            if (result == null) {
                throw new AssertionError("The executions of job '" + jobName + "' did not meet the condition within " + timeout + "; they are "
                        + executions(jobName));
            }
            return result;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for job '" + jobName + "'", ex);
        }
    }

    /**
     * @param jobName a job
     * @return the ids of its instances registered in ZooKeeper now, of every application in the namespace (an instance
     *         appears a few milliseconds after its {@code schedule()} returned: wait for it, or use {@link #fireNow(String)},
     *         which does)
     */
    public List<String> instances(String jobName) {
        List<String> result = new ArrayList<>(registryCenter.getChildrenKeys("/" + jobName + "/instances"));
        result.sort(null);
        return result;
    }

    /** Shuts down the instances this context started (last first), closes its registry centers and, if its own, the server. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = shutdowns.size() - 1; i >= 0; i--) {
            try {
                shutdowns.get(i).run();
            } catch (RuntimeException ex) {
                failure = failure == null ? ex : failure;
            }
        }
        shutdowns.clear();
        for (CoordinatorRegistryCenter each : registryCenters) {
            each.close();
        }
        registryCenters.clear();
        if (ownsZookeeper) {
            zookeeper.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "CronshardTestContext[" + zookeeper.connectString() + ", namespace " + namespace + "]";
    }
}
