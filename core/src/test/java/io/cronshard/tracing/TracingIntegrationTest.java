package io.cronshard.tracing;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.internal.instance.ServerIp;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobInstances;
import io.cronshard.testsupport.TcpProxy;
import io.cronshard.testsupport.TestDataSources;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event tracing against a real ZooKeeper and an in-memory H2 database: the rows of normal, misfired,
 * failed-over, manual and failing executions, a database that is down, the last rows at shutdown,
 * and nothing of it in ZooKeeper.
 */
class TracingIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final int SESSION_MILLIS = 3_000;

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private String namespace;
    private JobInstances instances;
    private CuratorFramework raw;
    private DataSource database;
    private TracingConfiguration tracing;
    private TracingQueryAPI history;
    private JobOperateAPI operateAPI;
    private final List<ScheduleJobBootstrap> ownBootstraps = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("tracing");
        instances = new JobInstances(ZOOKEEPER, namespace, recorder);
        raw = ZOOKEEPER.newRawClient();
        database = TestDataSources.h2("tracing");
        tracing = TracingConfiguration.rdb(database);
        history = new TracingQueryAPI(database);
        operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
    }

    @AfterEach
    void tearDown() {
        ownBootstraps.forEach(ScheduleJobBootstrap::shutdown);
        instances.close();
        ZOOKEEPER.closeClients();
    }

    private boolean exists(String job, String relative) throws Exception {
        return raw.checkExists().forPath("/" + namespace + "/" + job + "/" + relative) != null;
    }

    /** schedule() returns before the instance is registered: wait until the split is written. */
    private void awaitSplit(String job, int items) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int item = 0; item < items; item++) {
                if (!exists(job, "sharding/" + item + "/instance")) {
                    return false;
                }
            }
            return !exists(job, "leader/sharding/necessary");
        });
    }

    private List<JobExecutionRecord> executions(String job, String source) {
        return history.findExecutions(ExecutionQuery.newBuilder().jobName(job).executionSource(source).pageSize(1000).build()).items();
    }

    private List<JobStatusTraceRecord> traces(StatusTraceQuery.Builder query) {
        return history.findStatusTraces(query.sortBy("creationTime", "ASC").pageSize(1000).build()).items();
    }

    private static List<String> states(List<JobStatusTraceRecord> traces) {
        return traces.stream().map(JobStatusTraceRecord::state).toList();
    }

    @Test
    void cronFiresAreRecordedAsNormalWithEveryStateOfTheFire() {
        recorder.itemDuration(100);
        ScheduleJobBootstrap bootstrap = instances.start("a", JobConfiguration.newBuilder("normal", 2).cron(EVERY_SECOND)
                .shardingItemParameters("0=a,1=b").tracing(tracing).build());
        awaitSplit("normal", 2);

        // a fire that ran both items, recorded from STAGING to FINISHED
        await().atMost(Duration.ofSeconds(20)).until(() -> traces(StatusTraceQuery.newBuilder().jobName("normal").state("FINISHED"))
                .stream().anyMatch(each -> each.shardingItems().equals("0,1")));
        JobStatusTraceRecord finished = traces(StatusTraceQuery.newBuilder().jobName("normal").state("FINISHED")).stream()
                .filter(each -> each.shardingItems().equals("0,1")).findFirst().orElseThrow();
        List<JobStatusTraceRecord> fire = traces(StatusTraceQuery.newBuilder().taskId(finished.originalTaskId()));
        assertThat(states(fire)).containsExactly("STAGING", "RUNNING", "FINISHED");
        assertThat(fire).allSatisfy(each -> {
            assertThat(each.jobName()).isEqualTo("normal");
            assertThat(each.executionSource()).isEqualTo("NORMAL");
            assertThat(each.instanceId()).isEqualTo(bootstrap.getJobInstanceId());
            assertThat(each.ip()).isEqualTo(ServerIp.detect());
            assertThat(each.taskId()).isEqualTo(finished.taskId()).contains("@-@NORMAL@-@");
            assertThat(each.message()).isNotBlank();
        });
        assertThat(fire.get(0).creationTime()).isBeforeOrEqualTo(fire.get(1).creationTime());

        // its item executions, with the task id the job saw
        await().atMost(Duration.ofSeconds(10)).until(() ->
                history.findExecutions(ExecutionQuery.newBuilder().taskId(finished.taskId()).build()).total() == 2);
        List<JobExecutionRecord> items = history.findExecutions(ExecutionQuery.newBuilder().taskId(finished.taskId())
                .sortBy("shardingItem", "ASC").build()).items();
        assertThat(items).extracting(JobExecutionRecord::shardingItem).containsExactly(0, 1);
        assertThat(items).allSatisfy(each -> {
            assertThat(each.jobName()).isEqualTo("normal");
            assertThat(each.executionSource()).isEqualTo("NORMAL");
            assertThat(each.success()).isTrue();
            assertThat(each.failureCause()).isNull();
            assertThat(each.instanceId()).isEqualTo(bootstrap.getJobInstanceId());
            assertThat(each.ip()).isEqualTo(ServerIp.detect());
            assertThat(each.hostname()).isNotBlank();
            assertThat(each.startTime()).isBeforeOrEqualTo(each.completeTime());
            assertThat(Duration.between(each.startTime(), each.completeTime())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
            assertThat(each.startTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        });
        Set<String> seenByJob = recorder.all().stream().map(each -> each.taskId).collect(Collectors.toSet());
        assertThat(seenByJob).contains(finished.taskId());
    }

    @Test
    void aFireMissedWhileTheItemRanIsRecordedAsMisfire() {
        recorder.itemDuration(2_500);
        instances.start("a", JobConfiguration.newBuilder("misfire", 1).cron(EVERY_SECOND).misfire(true).tracing(tracing).build());

        await().atMost(Duration.ofSeconds(25)).until(() -> !executions("misfire", "MISFIRE").isEmpty());
        JobExecutionRecord misfired = executions("misfire", "MISFIRE").get(0);
        assertThat(misfired.shardingItem()).isZero();
        assertThat(misfired.success()).isTrue();
        assertThat(misfired.taskId()).contains("@-@MISFIRE@-@");
        assertThat(states(traces(StatusTraceQuery.newBuilder().taskId(misfired.taskId()))))
                .containsExactly("STAGING", "RUNNING", "FINISHED");
        assertThat(executions("misfire", "NORMAL")).isNotEmpty();
    }

    @Test
    void itemsOfACrashedInstanceAreRecordedAsFailoverOnTheSurvivor() throws Exception {
        recorder.itemDuration(5_000);
        instances.sessionTimeout(SESSION_MILLIS);
        try (TcpProxy proxy = new TcpProxy(ZOOKEEPER.getPort())) {
            JobConfiguration config = JobConfiguration.newBuilder("failover", 2).cron(YEARLY).failover(true).tracing(tracing).build();
            instances.start("a", config, proxy.getConnectString());
            instances.start("b", config);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Set<String> owners = new java.util.TreeSet<>();
                for (int item = 0; item < 2; item++) {
                    if (!exists("failover", "sharding/" + item + "/instance")) {
                        return false;
                    }
                    owners.add(new String(raw.getData().forPath("/" + namespace + "/failover/sharding/" + item + "/instance"), StandardCharsets.UTF_8));
                }
                return owners.size() == 2 && !exists("failover", "leader/sharding/necessary");
            });
            String survivor = instances.bootstrap("b").getJobInstanceId();

            operateAPI.trigger("failover");
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);
            proxy.partition();

            await().atMost(Duration.ofSeconds(40)).until(() -> !executions("failover", "FAILOVER").isEmpty());
            JobExecutionRecord failedOver = executions("failover", "FAILOVER").get(0);
            assertThat(failedOver.instanceId()).isEqualTo(survivor);
            assertThat(failedOver.success()).isTrue();
            assertThat(failedOver.taskId()).contains("@-@FAILOVER@-@");
            List<JobStatusTraceRecord> fire = traces(StatusTraceQuery.newBuilder().taskId(failedOver.taskId()));
            assertThat(states(fire)).containsExactly("STAGING", "RUNNING", "FINISHED");
            assertThat(fire).allSatisfy(each -> {
                assertThat(each.executionSource()).isEqualTo("FAILOVER");
                assertThat(each.instanceId()).isEqualTo(survivor);
            });
            // the triggered run of both items was recorded too, as MANUAL
            await().atMost(Duration.ofSeconds(20)).until(() -> executions("failover", "MANUAL").stream()
                    .map(JobExecutionRecord::instanceId).anyMatch(survivor::equals));
            proxy.heal();
        }
    }

    @Test
    void aFailingItemIsRecordedWithItsCauseAndItsFireAsError() throws Exception {
        SimpleJob job = context -> {
            if (context.getShardingItem() == 1) {
                throw new IllegalStateException("boom on item " + context.getShardingItem(),
                        new java.io.IOException("disk full"));
            }
        };
        ScheduleJobBootstrap bootstrap = schedule(job, JobConfiguration.newBuilder("failing", 2).cron(YEARLY).tracing(tracing).build());
        awaitSplit("failing", 2);

        operateAPI.trigger("failing");
        await().atMost(Duration.ofSeconds(15)).until(() -> executions("failing", "MANUAL").size() == 2);
        List<JobExecutionRecord> runs = executions("failing", "MANUAL").stream()
                .sorted(Comparator.comparingInt(JobExecutionRecord::shardingItem)).toList();
        assertThat(runs.get(0).success()).isTrue();
        assertThat(runs.get(0).failureCause()).isNull();
        assertThat(runs.get(1).success()).isFalse();
        assertThat(runs.get(1).failureCause())
                .startsWith("java.lang.IllegalStateException: boom on item 1")
                .contains("\tat ").contains("Caused by: java.io.IOException: disk full");
        assertThat(runs).allMatch(each -> each.instanceId().equals(bootstrap.getJobInstanceId()));
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("failing").success(false).build()).total()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> traces(StatusTraceQuery.newBuilder().jobName("failing")).size() == 3);
        List<JobStatusTraceRecord> fire = traces(StatusTraceQuery.newBuilder().jobName("failing"));
        assertThat(states(fire)).containsExactly("STAGING", "RUNNING", "ERROR");
        assertThat(fire.get(2).message()).contains("Failed items [1]").contains("boom on item 1");
        assertThat(fire).allMatch(each -> each.executionSource().equals("MANUAL"));
    }

    @Test
    void eachTryOfARetriedItemIsARowWithItsTryNumberUnderOneTaskId() {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        SimpleJob job = context -> {
            if (tries.incrementAndGet() < 3) {
                throw new IllegalStateException("try " + tries.get() + " fails");
            }
        };
        schedule(job, JobConfiguration.newBuilder("retried", 1).cron(YEARLY).itemRetries(2).itemRetryBackoffMillis(50).tracing(tracing).build());
        awaitSplit("retried", 1);

        operateAPI.trigger("retried");

        await().atMost(Duration.ofSeconds(15)).until(() -> executions("retried", "MANUAL").size() == 3);
        List<JobExecutionRecord> rows = executions("retried", "MANUAL").stream()
                .sorted(Comparator.comparingInt(JobExecutionRecord::tryNumber)).toList();
        assertThat(rows).extracting(JobExecutionRecord::tryNumber).containsExactly(1, 2, 3);
        assertThat(rows).extracting(JobExecutionRecord::success).containsExactly(false, false, true);
        assertThat(rows).extracting(JobExecutionRecord::taskId).containsOnly(rows.get(0).taskId());
        await().atMost(Duration.ofSeconds(10)).until(() -> states(traces(StatusTraceQuery.newBuilder().jobName("retried"))).contains("FINISHED"));
        assertThat(states(traces(StatusTraceQuery.newBuilder().jobName("retried")))).containsExactly("STAGING", "RUNNING", "FINISHED");
    }

    @Test
    void aDatabaseThatIsDownNeverStopsTheJobAndIsCountedThenCatchesUp() {
        TestDataSources.Switchable down = new TestDataSources.Switchable(TestDataSources.h2("down"), true);
        TracingConfiguration failing = TracingConfiguration.rdb(down);
        recorder.itemDuration(50);
        instances.start("a", JobConfiguration.newBuilder("db-down", 1).cron(EVERY_SECOND).tracing(failing).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().size() >= 3 && failing.getStatistics().failed() > 0);
        assertThat(failing.getStatistics().written()).isZero();
        long firesWhileDown = recorder.all().size();

        down.broken = false;
        // writing resumes after its pause and the job kept firing all along
        await().atMost(Duration.ofSeconds(45)).until(() -> failing.getStatistics().written() > 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() > firesWhileDown);
        assertThat(new TracingQueryAPI(down).findExecutions(ExecutionQuery.newBuilder().jobName("db-down").build()).total()).isPositive();
        assertThat(failing.getStatistics().dropped()).isZero();
    }

    @Test
    void aGracefulShutdownWritesTheLastRowsBeforeItReturns() throws Exception {
        recorder.itemDuration(200);
        instances.start("a", JobConfiguration.newBuilder("shutdown", 1).cron(YEARLY).tracing(tracing).build());
        awaitSplit("shutdown", 1);
        operateAPI.trigger("shutdown");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 1);

        instances.stop("a");

        assertThat(states(traces(StatusTraceQuery.newBuilder().jobName("shutdown")))).containsExactly("STAGING", "RUNNING", "FINISHED");
        assertThat(executions("shutdown", "MANUAL")).hasSize(1);
    }

    @Test
    void nothingOfTheTracingIsStoredInZookeeper() throws Exception {
        TestDataSources.Switchable secret = new TestDataSources.Switchable(TestDataSources.h2("secret"), false);
        instances.start("a", JobConfiguration.newBuilder("secret", 1).cron(YEARLY).tracing(TracingConfiguration.rdb(secret))
                .metrics(new io.cronshard.metrics.JobMetrics() { }).build());
        awaitSplit("secret", 1);

        String stored = new String(raw.getData().forPath("/" + namespace + "/secret/config"), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContainIgnoringCase("tracing").doesNotContainIgnoringCase("metrics")
                .doesNotContain("secret-password").doesNotContain("jdbc:");
        ZookeeperRegistryCenter admin = ZOOKEEPER.newRegistryCenter(namespace);
        JobConfigurationAPI configurationAPI = JobAPIFactory.createJobConfigurationAPI(admin);
        JobConfiguration readBack = configurationAPI.getJobConfiguration("secret");
        assertThat(readBack.getTracing()).isNull();
        assertThat(readBack.getMetrics()).isSameAs(io.cronshard.metrics.JobMetrics.NONE);
        for (String path : allPaths("/" + namespace)) {
            byte[] data = raw.getData().forPath(path);
            String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
            assertThat(text).as(path).doesNotContain("secret-password").doesNotContain("jdbc:h2");
        }
    }

    /** design note 1, docs/design-notes.md: tracing adds no thread per job; one writer serves them all, and only while it has rows. */
    @Test
    void manyTracedJobsShareOneWriterThreadAndIdleOnesHoldNone() throws Exception {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap first = new ScheduleJobBootstrap(regCenter, recorder.jobFor("x"),
                JobConfiguration.newBuilder("many-0", 1).cron(YEARLY).tracing(tracing).build());
        first.schedule();
        ownBootstraps.add(first);
        awaitSplit("many-0", 1);
        int threadsWithOneJob = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 1; i < 100; i++) {
            ScheduleJobBootstrap each = new ScheduleJobBootstrap(regCenter, recorder.jobFor("x"),
                    JobConfiguration.newBuilder("many-" + i, 1).cron(YEARLY).tracing(tracing).build());
            each.schedule();
            ownBootstraps.add(each);
        }
        for (int i = 0; i < 100; i++) {
            awaitSplit("many-" + i, 1);
        }
        int threadsWithHundredJobs = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(threadsWithHundredJobs - threadsWithOneJob).as("threads added by 99 more idle traced jobs").isLessThanOrEqualTo(4);

        java.util.concurrent.atomic.AtomicLong mostWriters = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                long writers = Thread.getAllStackTraces().keySet().stream().filter(each -> each.getName().startsWith("cronshard-tracing")).count();
                mostWriters.accumulateAndGet(writers, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            for (int i = 0; i < 100; i++) {
                operateAPI.trigger("many-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> history.findStatusTraces(StatusTraceQuery.newBuilder().state("FINISHED")
                    .build()).total() == 100);
        } finally {
            sampling.set(false);
            sampler.join(5_000);
        }
        assertThat(mostWriters.get()).as("tracing writer threads at once").isLessThanOrEqualTo(1);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().executionSource("MANUAL").build()).total()).isEqualTo(100);
        assertThat(tracing.getStatistics().dropped()).isZero();
    }

    private List<String> allPaths(String root) throws Exception {
        List<String> result = new java.util.ArrayList<>();
        result.add(root);
        for (String child : raw.getChildren().forPath(root)) {
            result.addAll(allPaths(root + "/" + child));
        }
        return result;
    }

    private ScheduleJobBootstrap schedule(SimpleJob job, JobConfiguration config) {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config);
        bootstrap.schedule();
        ownBootstraps.add(bootstrap);
        return bootstrap;
    }
}
