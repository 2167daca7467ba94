package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.JobInstances;
import io.cronshard.testsupport.JobTree;
import io.cronshard.testsupport.ZookeeperClientThreads;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Configuration changes, disable/enable, triggers, one-off runs, overwrite and shutdown, each
 * against a real ZooKeeper.
 */
class LifecycleIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "lifecycle");

    private ExecutionRecorder recorder;
    private String namespace;
    private JobInstances instances;
    private ZookeeperRegistryCenter adminRegCenter;
    private JobConfigurationAPI configurationAPI;
    private JobOperateAPI operateAPI;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        recorder = cluster.recorder();
        namespace = cluster.namespace();
        instances = cluster.instances();
        adminRegCenter = cluster.admin();
        configurationAPI = cluster.configuration();
        operateAPI = cluster.operate();
        raw = cluster.raw();
    }


    /** schedule() returns before the instance is registered: wait until it owns the job's only item. */
    private void awaitOwner(String job, String instanceId) {
        JobTree tree = new JobTree(raw, namespace);
        tree.awaitSettled(job, 1, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> tree.owner(job, 0).equals(instanceId));
    }

    /** Waits for a quiet window: no execution starts during the whole of it. */
    private void awaitNoRunsFor(Duration window) {
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(window).atMost(window.plusSeconds(10)).until(() -> {
            int now = recorder.all().size();
            return seen.getAndSet(now) == now;
        });
    }

    private int countSince(long since) {
        return recorder.since(since).size();
    }

    @Test
    void configurationChangesApplyLiveWithoutRestart() {
        instances.start("a", JobConfiguration.newBuilder("live", 2).cron(YEARLY).build());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> recorder.all().isEmpty());

        JobConfiguration stored = configurationAPI.getJobConfiguration("live");
        configurationAPI.updateJobConfiguration(stored.toBuilder().cron("* * * * * ?").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsRun().containsAll(List.of(0, 1)));

        configurationAPI.updateJobConfiguration(configurationAPI.getJobConfiguration("live").toBuilder()
                .shardingTotalCount(4).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsRun().containsAll(List.of(0, 1, 2, 3)));

        configurationAPI.updateJobConfiguration(configurationAPI.getJobConfiguration("live").toBuilder().disabled(true).build());
        awaitNoRunsFor(Duration.ofMillis(2500));

        long beforeEnable = System.nanoTime();
        configurationAPI.updateJobConfiguration(configurationAPI.getJobConfiguration("live").toBuilder().disabled(false).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> countSince(beforeEnable) >= 4);
    }

    @Test
    void aDisabledJobDoesNotRunAndRunsOnceEnabled() {
        instances.start("a", JobConfiguration.newBuilder("disabled", 2).cron("* * * * * ?").disabled(true).build());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> recorder.all().isEmpty());

        configurationAPI.updateJobConfiguration(configurationAPI.getJobConfiguration("disabled").toBuilder().disabled(false).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsRun().containsAll(List.of(0, 1)));
    }

    @Test
    void theOperationsApiEnablesAJobConfiguredDisabledAndDisablesItAgain() {
        JobConfiguration config = JobConfiguration.newBuilder("switched", 2).cron("* * * * * ?").disabled(true).build();
        ScheduleJobBootstrap bootstrap = instances.start("a", config);
        String ip = bootstrap.getJobInstanceId().substring(0, bootstrap.getJobInstanceId().indexOf("@-@"));
        try (JobStatisticsAPI jobs = JobAPIFactory.createJobStatisticsAPI(adminRegCenter);
             ShardingStatisticsAPI sharding = JobAPIFactory.createShardingStatisticsAPI(adminRegCenter)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> sharding.getShardingInfo("switched").size() == 2
                    && sharding.getShardingInfo("switched").stream().allMatch(each -> each.status() == ShardingInfo.ShardingStatus.DISABLED));
            assertThat(jobs.getJobBriefInfo("switched").status()).isEqualTo(JobStatus.DISABLED);

            // enabling one server does not enable a job switched off as a whole
            operateAPI.enable("switched", ip);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> recorder.all().isEmpty());

            operateAPI.enable("switched", null);
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsRun().containsAll(List.of(0, 1)));
            assertThat(configurationAPI.getJobConfiguration("switched").isDisabled()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.getJobBriefInfo("switched").status() == JobStatus.OK);

            operateAPI.disable("switched", null);
            assertThat(configurationAPI.getJobConfiguration("switched").isDisabled()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.getJobBriefInfo("switched").status() == JobStatus.DISABLED);
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.running() == 0);
            int runs = recorder.all().size();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> recorder.all().size() == runs);
            assertThat(sharding.getShardingInfo("switched")).allSatisfy(each -> assertThat(each.status()).isEqualTo(ShardingInfo.ShardingStatus.DISABLED));
        }
    }

    @Test
    void enablingAJobWithoutAServerEnablesEveryDisabledServer() {
        JobConfiguration config = JobConfiguration.newBuilder("servers-off", 2).cron("* * * * * ?").build();
        ScheduleJobBootstrap bootstrap = instances.start("a", config);
        String ip = bootstrap.getJobInstanceId().substring(0, bootstrap.getJobInstanceId().indexOf("@-@"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.all().isEmpty());
        operateAPI.disable("servers-off", ip);
        try (ShardingStatisticsAPI sharding = JobAPIFactory.createShardingStatisticsAPI(adminRegCenter)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sharding.getShardingInfo("servers-off").stream()
                    .allMatch(each -> each.status() == ShardingInfo.ShardingStatus.DISABLED));
        }
        long since = System.nanoTime();
        operateAPI.enable("servers-off", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.since(since).stream().map(each -> each.item).distinct().count() == 2);
    }

    @Test
    void aDisabledServerStaysDisabledAcrossRestartsUntilEnabled() throws Exception {
        JobConfiguration config = JobConfiguration.newBuilder("server", 2).cron("* * * * * ?").build();
        ScheduleJobBootstrap first = instances.start("a", config);
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.all().isEmpty());
        String ip = first.getJobInstanceId().substring(0, first.getJobInstanceId().indexOf("@-@"));

        operateAPI.disable("server", ip);
        awaitNoRunsFor(Duration.ofMillis(2500));
        instances.stop("a");
        instances.start("a2", config);
        String serverNode = new String(raw.getData().forPath("/" + namespace + "/server/servers/" + ip), StandardCharsets.UTF_8);
        assertThat(serverNode).isEqualTo("DISABLED");
        long since = System.nanoTime();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> countSince(since) == 0);

        operateAPI.enable("server", ip);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsByInstanceSince(since).containsKey("a2"));
        assertThat(raw.checkExists().forPath("/" + namespace + "/server/servers/" + ip)).as("an enabled server has no node").isNull();
    }

    @Test
    void aTriggerRunsAJobOnAYearlyCronAtOnce() {
        instances.start("a", JobConfiguration.newBuilder("trigger", 3).cron(YEARLY).build());
        instances.start("b", JobConfiguration.newBuilder("trigger", 3).cron(YEARLY).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> raw.checkExists().forPath("/" + namespace + "/trigger/sharding/2/instance") != null
                && raw.checkExists().forPath("/" + namespace + "/trigger/leader/sharding/necessary") == null);

        operateAPI.trigger("trigger");
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() == 3);
        assertThat(recorder.itemsRun()).containsExactly(0, 1, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> recorder.all().size() == 3);
    }

    @Test
    void aTriggeredOneOffJobRunsEveryItemOnceAcrossItsInstances() {
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<String> instancesSeen = new CopyOnWriteArrayList<>();
        SimpleJob job = context -> {
            runs.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger()).incrementAndGet();
            instancesSeen.add(context.getTaskId());
        };
        JobConfiguration config = JobConfiguration.newBuilder("oneoff", 4).build();
        OneOffJobBootstrap first = new OneOffJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, config);
        OneOffJobBootstrap second = new OneOffJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, config);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> raw.checkExists().forPath("/" + namespace + "/oneoff/leader/sharding/necessary") == null
                    && raw.getChildren().forPath("/" + namespace + "/oneoff/instances").size() == 2);
            operateAPI.trigger("oneoff");
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 4);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> runs.values().stream().allMatch(count -> count.get() == 1));
            Set<String> instanceIds = instancesSeen.stream().map(taskId -> taskId.split("@-@", 4)[3]).collect(Collectors.toSet());
            assertThat(instanceIds).hasSize(2);
        } finally {
            first.shutdown();
            second.shutdown();
        }
    }

    @Test
    void storedConfigurationWinsUnlessOverwriteIsSet() {
        List<String> parameters = new CopyOnWriteArrayList<>();
        SimpleJob job = (ShardingContext context) -> parameters.add(context.getJobParameter());
        JobConfiguration original = JobConfiguration.newBuilder("overwrite", 1).cron(YEARLY).jobParameter("original").build();
        ScheduleJobBootstrap first = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, original);
        first.schedule();
        first.shutdown();

        ScheduleJobBootstrap kept = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job,
                original.toBuilder().jobParameter("ignored").build());
        kept.schedule();
        assertThat(configurationAPI.getJobConfiguration("overwrite").getJobParameter()).isEqualTo("original");
        awaitOwner("overwrite", kept.getJobInstanceId());
        operateAPI.trigger("overwrite");
        await().atMost(Duration.ofSeconds(20)).until(() -> parameters.contains("original"));
        kept.shutdown();

        ScheduleJobBootstrap replaced = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job,
                original.toBuilder().jobParameter("replaced").overwrite(true).build());
        replaced.schedule();
        // schedule() returns once the write is decided; it lands a moment later
        await().atMost(Duration.ofSeconds(10)).until(() -> configurationAPI.getJobConfiguration("overwrite").getJobParameter().equals("replaced"));
        awaitOwner("overwrite", replaced.getJobInstanceId());
        operateAPI.trigger("overwrite");
        await().atMost(Duration.ofSeconds(20)).until(() -> parameters.contains("replaced"));
        replaced.shutdown();
        assertThat(parameters).doesNotContain("ignored");
    }

    @Test
    void anOperatorShutdownStopsTheInstanceAndItStaysStopped() throws Exception {
        instances.start("a", JobConfiguration.newBuilder("stop", 1).cron("* * * * * ?").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.all().isEmpty());

        operateAPI.shutdown("stop", null);
        awaitNoRunsFor(Duration.ofMillis(2500));
        assertThat(raw.getChildren().forPath("/" + namespace + "/stop/instances")).isEmpty();
    }

    @Test
    void afterShutdownAndCloseNoLibraryThreadIsLeft() {
        Set<Thread> before = ZookeeperClientThreads.snapshot();
        Set<String> libraryBefore = libraryThreads();
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap one = new ScheduleJobBootstrap(regCenter, recorder.jobFor("x"),
                JobConfiguration.newBuilder("threads-1", 3).cron("* * * * * ?").build());
        ScheduleJobBootstrap two = new ScheduleJobBootstrap(regCenter, recorder.jobFor("y"),
                JobConfiguration.newBuilder("threads-2", 3).cron("* * * * * ?").build());
        one.schedule();
        two.schedule();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsRun().size() == 3);
        assertThat(libraryThreads()).isNotEmpty();

        one.shutdown();
        two.shutdown();
        regCenter.close();
        ZookeeperClientThreads.awaitNoneStartedSince(before, Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(libraryThreads()).isSubsetOf(libraryBefore));
    }

    private static Set<String> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("cronshard")).collect(Collectors.toSet());
    }
}
