package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.internal.common.SystemSettings;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.lifecycle.ServerBriefInfo;
import io.cronshard.lifecycle.ServerStatisticsAPI;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingOperateAPI;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.JobInstances;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations API from a JVM that runs no job of its own (its own registry center), against
 * running instances: statistics of jobs, servers and items; item operations; job removal; dumps.
 */
class OperationsIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "operations");

    private ExecutionRecorder recorder;
    private String namespace;
    private JobInstances instances;
    private JobStatisticsAPI jobs;
    private ServerStatisticsAPI servers;
    private ShardingStatisticsAPI sharding;
    private ShardingOperateAPI shardingOperate;
    private JobOperateAPI operate;
    private JobConfigurationAPI configuration;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        recorder = cluster.recorder();
        namespace = cluster.namespace();
        instances = cluster.instances();
        String connect = ZOOKEEPER.getConnectString();
        jobs = JobAPIFactory.createJobStatisticsAPI(connect, namespace, null);
        servers = JobAPIFactory.createServerStatisticsAPI(connect, namespace, null);
        sharding = JobAPIFactory.createShardingStatisticsAPI(connect, namespace, null);
        shardingOperate = JobAPIFactory.createShardingOperateAPI(connect, namespace, null);
        operate = JobAPIFactory.createJobOperateAPI(connect, namespace, null);
        configuration = JobAPIFactory.createJobConfigurationAPI(connect, namespace, null);
        raw = cluster.raw();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Object each : List.of(jobs, servers, sharding, shardingOperate, operate, configuration)) {
            ((AutoCloseable) each).close();
        }
        System.clearProperty(SystemSettings.DUMP_PORT);
    }

    private ShardingInfo item(int item) {
        return new java.util.ArrayList<>(sharding.getShardingInfo("items")).get(item);
    }

    private void awaitStatus(String job, JobStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JobBriefInfo info = jobs.getJobBriefInfo(job);
            return info != null && info.status() == status;
        });
    }

    @Test
    void jobStatisticsFollowTheJobThroughItsStates() {
        ScheduleJobBootstrap a = instances.start("a", JobConfiguration.newBuilder("stats", 4).cron(YEARLY).description("counts").build());
        instances.start("b", JobConfiguration.newBuilder("stats", 4).cron(YEARLY).description("counts").build());
        instances.start("other", JobConfiguration.newBuilder("other", 1).cron(YEARLY).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> jobs.getJobBriefInfo("stats") != null && jobs.getJobBriefInfo("stats").instanceCount() == 2);
        awaitStatus("stats", JobStatus.OK);

        JobBriefInfo info = jobs.getJobBriefInfo("stats");
        assertThat(info.description()).isEqualTo("counts");
        assertThat(info.cron()).isEqualTo(YEARLY);
        assertThat(info.shardingTotalCount()).isEqualTo(4);
        assertThat(jobs.getJobsTotalCount()).isEqualTo(2);
        assertThat(jobs.getAllJobsBriefInfo()).extracting(JobBriefInfo::jobName).containsExactly("other", "stats");
        String ip = a.getJobInstanceId().substring(0, a.getJobInstanceId().indexOf("@-@"));
        assertThat(jobs.getJobsBriefInfo(ip)).extracting(JobBriefInfo::jobName).contains("stats", "other");
        assertThat(jobs.getJobBriefInfo("missing")).isNull();

        configuration.updateJobConfiguration(configuration.getJobConfiguration("stats").toBuilder().disabled(true).build());
        awaitStatus("stats", JobStatus.DISABLED);
        configuration.updateJobConfiguration(configuration.getJobConfiguration("stats").toBuilder().disabled(false).build());
        awaitStatus("stats", JobStatus.OK);

        instances.stop("a");
        instances.stop("b");
        awaitStatus("stats", JobStatus.CRASHED);
    }

    @Test
    void serverStatisticsCountInstancesJobsAndDisabledOnes() {
        ScheduleJobBootstrap a = instances.start("a", JobConfiguration.newBuilder("s1", 2).cron(YEARLY).build());
        instances.start("b", JobConfiguration.newBuilder("s2", 2).cron(YEARLY).build());
        String ip = a.getJobInstanceId().substring(0, a.getJobInstanceId().indexOf("@-@"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.getAllServersBriefInfo().stream()
                .anyMatch(each -> each.serverIp().equals(ip) && each.instances().contains(a.getJobInstanceId()) && each.jobNames().size() == 2));
        assertThat(servers.getServersTotalCount()).isEqualTo(1);

        operate.disable("s1", ip);
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.getAllServersBriefInfo().iterator().next().disabledJobsNum() == 1);
        ServerBriefInfo server = servers.getAllServersBriefInfo().iterator().next();
        assertThat(server.crashedJobsNum()).isZero();
        awaitStatus("s1", JobStatus.DISABLED);
    }

    @Test
    void shardingStatisticsShowOwnersRunningDisabledAndMisfiredItems() {
        recorder.itemDuration(4_000);
        ScheduleJobBootstrap a = instances.start("a", JobConfiguration.newBuilder("items", 3).cron(YEARLY).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> sharding.getShardingInfo("items").stream()
                .allMatch(each -> each.status() == ShardingInfo.ShardingStatus.PENDING));
        assertThat(sharding.getShardingInfo("items")).extracting(ShardingInfo::instanceId).containsOnly(a.getJobInstanceId());

        shardingOperate.disable("items", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> item(2).status() == ShardingInfo.ShardingStatus.DISABLED);
        operate.trigger("items");
        await().atMost(Duration.ofSeconds(10)).until(() -> item(0).status() == ShardingInfo.ShardingStatus.RUNNING);
        assertThat(item(2).status()).isEqualTo(ShardingInfo.ShardingStatus.DISABLED);

        shardingOperate.enable("items", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> item(2).status() != ShardingInfo.ShardingStatus.DISABLED);
        await().atMost(Duration.ofSeconds(15)).until(() -> sharding.getShardingInfo("items").stream()
                .allMatch(each -> each.status() == ShardingInfo.ShardingStatus.PENDING && !each.failover() && !each.misfire()));
        assertThat(recorder.all()).extracting(each -> each.item).doesNotContain(2);
    }

    @Test
    void removingAJobShutsItsRunningInstancesDownAndNothingComesBack() throws Exception {
        ScheduleJobBootstrap a = instances.start("a", JobConfiguration.newBuilder("removed", 2).cron("* * * * * ?").build());
        instances.start("b", JobConfiguration.newBuilder("removed", 2).cron("* * * * * ?").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsByInstanceSince(0).size() == 2);

        operate.remove("removed", null);

        await().atMost(Duration.ofSeconds(20)).until(() -> raw.checkExists().forPath("/" + namespace + "/removed") == null);
        long after = System.nanoTime() + 1_000_000_000L;
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> raw.checkExists().forPath("/" + namespace + "/removed") == null
                && recorder.since(after).isEmpty());
        assertThat(jobs.getJobBriefInfo("removed")).isNull();
        assertThat(a.dump()).contains("removed");
    }

    @Test
    void anInstanceDumpsItsViewNextToZookeepersOverTheApiAndALoopbackPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        System.setProperty(SystemSettings.DUMP_PORT, String.valueOf(port));
        ScheduleJobBootstrap a = instances.start("a", JobConfiguration.newBuilder("dumped", 2).cron(YEARLY).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> a.dump().contains("sharding/1/instance | " + a.getJobInstanceId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.dump().contains("# 0 differences"));
        assertThat(a.dump()).contains("config | {").contains("instances/" + a.getJobInstanceId());

        String throughZookeeper = operate.dump("dumped", a.getJobInstanceId(), 10_000);
        assertThat(throughZookeeper).contains("# job dumped as seen by instance " + a.getJobInstanceId()).contains("# 0 differences");
        assertThat(operate.dump("dumped", "10.9.9.9@-@1", 1_000)).as("an instance that does not run").isNull();

        String overTcp = request(port, "dump dumped");
        assertThat(overTcp).contains("# job dumped as seen by instance " + a.getJobInstanceId()).contains("sharding/0/instance");
        assertThat(request(port, "dump")).contains("dumped");
    }

    private static String request(int port, String line) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
