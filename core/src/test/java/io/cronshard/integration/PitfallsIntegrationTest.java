package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.JobInstances;
import io.cronshard.testsupport.JobTree;
import io.cronshard.testsupport.ServerCounters;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One test per pitfall of the classic model (docs/design-notes.md) that the core runtime must avoid.
 */
class PitfallsIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "pitfalls");

    private ExecutionRecorder recorder;
    private String namespace;
    private JobInstances instances;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        recorder = cluster.recorder();
        namespace = cluster.namespace();
        instances = cluster.instances();
        raw = cluster.raw();
    }


    /** Pitfall 1: classic runs a scheduler and threads per job; an idle job here holds none. */
    @Test
    void idleJobsHoldNoThreadOfTheirOwn() {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        List<ScheduleJobBootstrap> jobs = new ArrayList<>();
        ScheduleJobBootstrap first = new ScheduleJobBootstrap(regCenter, recorder.jobFor("x"), JobConfiguration.newBuilder("idle-0", 2).cron(YEARLY).build());
        first.schedule();
        jobs.add(first);
        int threadsWithOneJob = ManagementFactory.getThreadMXBean().getThreadCount();
        try {
            for (int i = 1; i < 100; i++) {
                ScheduleJobBootstrap each = new ScheduleJobBootstrap(regCenter, recorder.jobFor("x"),
                        JobConfiguration.newBuilder("idle-" + i, 2).cron(YEARLY).build());
                each.schedule();
                jobs.add(each);
            }
            int threadsWithHundredJobs = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(threadsWithHundredJobs - threadsWithOneJob).as("threads added by 99 more idle jobs").isLessThanOrEqualTo(4);
        } finally {
            jobs.forEach(ScheduleJobBootstrap::shutdown);
        }
    }

    /**
     * Pitfall 2: classic polls for resharding on the trigger thread. Here a job whose resharding
     * can never finish (the leader may not delete the request: an ACL mismatch, as in a digest
     * roll-out) waits without holding a scheduler thread, and other jobs keep firing.
     */
    @Test
    void aJobWaitingForReshardingHoldsNoSchedulerThread() throws Exception {
        List<ACL> createButNeverDelete = List.of(new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.CREATE, new Id("world", "anyone")));
        raw.create().creatingParentsIfNeeded().forPath("/" + namespace + "/stuck/leader");
        raw.create().withACL(createButNeverDelete).forPath("/" + namespace + "/stuck/leader/sharding");
        raw.create().forPath("/" + namespace + "/stuck/leader/sharding/necessary");
        AtomicInteger stuckRuns = new AtomicInteger();
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap stuck = new ScheduleJobBootstrap(regCenter, (SimpleJob) context -> stuckRuns.incrementAndGet(),
                JobConfiguration.newBuilder("stuck", 1).cron("* * * * * ?").build());
        stuck.schedule();
        try {
            instances.start("healthy", JobConfiguration.newBuilder("healthy", 1).cron("* * * * * ?").build());
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() >= 5);
            assertThat(stuckRuns).hasValue(0);
            assertThat(raw.checkExists().forPath("/" + namespace + "/stuck/leader/sharding/necessary")).isNotNull();
        } finally {
            stuck.shutdown();
        }
    }

    /**
     * Pitfall 3: classic's ZooKeeper round trips per fire grow with the items. Here a fire costs
     * nothing with monitorExecution off and at most one start and one end transaction per
     * instance with it on, whatever the number of items. Measured as the server's packet count
     * with the job enabled minus the same window with it disabled (it still fires, then skips).
     */
    @Test
    void zookeeperRequestsPerFireDoNotGrowWithItems() throws Exception {
        for (boolean monitor : new boolean[] {false, true}) {
            String job = "cost-" + monitor;
            JobConfiguration config = JobConfiguration.newBuilder(job, 10).cron("* * * * * ?").monitorExecution(monitor).build();
            instances.start(job + "-a", config);
            instances.start(job + "-b", config);
            instances.start(job + "-c", config);
            // measure once all three have joined and the split is settled
            new JobTree(raw, namespace).awaitSettled(job, 10, 3);
            int settled = recorder.all().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() >= settled + 20);

            long enabled = packetsDuring(Duration.ofSeconds(5));
            int fires = 5;
            ZookeeperRegistryCenter admin = ZOOKEEPER.newRegistryCenter(namespace);
            io.cronshard.lifecycle.JobAPIFactory.createJobConfigurationAPI(admin).updateJobConfiguration(config.toBuilder().disabled(true).build());
            int runs = recorder.all().size();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == runs);
            long disabled = packetsDuring(Duration.ofSeconds(5));
            long perFire = enabled - disabled;
            if (monitor) {
                assertThat(perFire).as("packets of %d fires on 3 instances with monitorExecution", fires).isLessThanOrEqualTo(2L * 3 * (fires + 1) + 6);
            } else {
                assertThat(perFire).as("packets of %d fires on 3 instances without monitorExecution", fires).isLessThanOrEqualTo(6);
            }
            for (String label : List.of("-a", "-b", "-c")) {
                instances.stop(job + label);
            }
        }
    }

    private static long packetsDuring(Duration window) throws InterruptedException {
        long before = ServerCounters.packetsReceived(ZOOKEEPER);
        Thread.sleep(window.toMillis());
        return ServerCounters.packetsReceived(ZOOKEEPER) - before;
    }

    /**
     * Pitfall 6: ZooKeeper lists children in string order ("…-10" before "…-2"). Strategies here
     * get the instances in the order they joined, with 10 and more instances.
     */
    private long czxid(String path) {
        try {
            return raw.checkExists().forPath(path).getCzxid();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void itemsAreSplitInJoinOrderWithMoreThanTenInstances() throws Exception {
        JobConfiguration config = JobConfiguration.newBuilder("order", 11).cron(YEARLY).build();
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            joined.add(instances.start("i" + i, config).getJobInstanceId());
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            // join order is the order ZooKeeper created the instance nodes in, not the order of the ids
            List<String> byJoin = new ArrayList<>(joined);
            byJoin.sort(java.util.Comparator.comparingLong(id -> czxid("/" + namespace + "/order/instances/" + id)));
            List<String> owners = new ArrayList<>();
            for (int item = 0; item < 11; item++) {
                owners.add(new String(raw.getData().forPath("/" + namespace + "/order/sharding/" + item + "/instance"), StandardCharsets.UTF_8));
            }
            assertThat(owners).containsExactlyElementsOf(byJoin);
        });
        assertThat(joined.get(10)).endsWith("-11");
    }

    /** Pitfall 9 and property 4: a stored configuration that is invalid is refused, naming the field, before anything else is written. */
    @Test
    void anInvalidStoredConfigurationIsRefusedBeforeAnythingIsWritten() throws Exception {
        raw.create().creatingParentsIfNeeded().forPath("/" + namespace + "/broken/config",
                "{\"jobName\":\"broken\",\"shardingTotalCount\":0,\"cron\":\"* * * * * ?\"}".getBytes(StandardCharsets.UTF_8));
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), recorder.jobFor("x"),
                JobConfiguration.newBuilder("broken", 2).cron("* * * * * ?").build());
        assertThatThrownBy(bootstrap::schedule).isInstanceOf(JobConfigurationException.class).hasMessageContaining("shardingTotalCount");
        assertThat(raw.getChildren().forPath("/" + namespace + "/broken")).containsExactly("config");
    }

    /** Pitfall 9: a NodeExists race between instances starting at once is expected and handled, not swallowed or fatal. */
    @Test
    void instancesStartingAtOnceAgreeOnOneConfigurationAndAllRegister() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ScheduleJobBootstrap>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String label = "racer" + i;
                JobConfiguration config = JobConfiguration.newBuilder("race", 4).cron(YEARLY).jobParameter(label).build();
                ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
                starts.add(() -> {
                    ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, recorder.jobFor(label), config);
                    bootstrap.schedule();
                    return bootstrap;
                });
            }
            List<ScheduleJobBootstrap> started = new ArrayList<>();
            for (Future<ScheduleJobBootstrap> each : pool.invokeAll(starts)) {
                started.add(each.get());
            }
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> raw.checkExists().forPath("/" + namespace + "/race/instances") != null
                        && raw.getChildren().forPath("/" + namespace + "/race/instances").size() == 4);
                await().atMost(Duration.ofSeconds(20)).until(() -> raw.checkExists().forPath("/" + namespace + "/race/leader/sharding/necessary") == null
                        && raw.checkExists().forPath("/" + namespace + "/race/sharding/3/instance") != null);
                io.cronshard.lifecycle.JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace)).trigger("race");
                await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() == 4);
                assertThat(recorder.all()).extracting(each -> each.jobParameter).containsOnly(recorder.all().get(0).jobParameter);
            } finally {
                started.forEach(ScheduleJobBootstrap::shutdown);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A cron Quartz accepts but that never fires again is refused before anything is written. */
    @Test
    void aCronThatNeverFiresIsRefused() throws Exception {
        assertThatThrownBy(() -> new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), recorder.jobFor("x"),
                JobConfiguration.newBuilder("never", 1).cron("0 0 0 30 2 ?").build()))
                .isInstanceOf(JobConfigurationException.class).hasMessageContaining("cron").hasMessageContaining("never fires");
        assertThat(raw.checkExists().forPath("/" + namespace + "/never")).isNull();
    }
}
