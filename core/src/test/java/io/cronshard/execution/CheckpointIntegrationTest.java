package io.cronshard.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.jobtype.RecordingJobErrorHandler;
import io.cronshard.lifecycle.CheckpointInfo;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Checkpoints on one instance against a real ZooKeeper: what a run sees, when they are cleared, the operations API, fencing. */
class CheckpointIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "checkpoint");

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final Map<String, ZookeeperRegistryCenter> registryCenters = new ConcurrentHashMap<>();

    @AfterEach
    void shutDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
    }

    private ScheduleJobBootstrap start(SimpleJob job, JobConfiguration config) {
        ZookeeperRegistryCenter registryCenter = ZOOKEEPER.newRegistryCenter(cluster.namespace());
        registryCenters.put(config.getJobName(), registryCenter);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(registryCenter, job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        cluster.tree().awaitSettled(config.getJobName(), config.getShardingTotalCount(), 1);
        return bootstrap;
    }

    private boolean hasCheckpointNode(String job, int item) {
        return cluster.tree().exists(job, "sharding/" + item + "/checkpoint");
    }

    @Test
    void aRunThatFailsLeavesItsCheckpointForTheNextWhichClearsItWhenItCompletes() {
        String job = "checkpoint-resume";
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        start(context -> {
            seen.add(String.valueOf(context.getCheckpoint()));
            if (runs.incrementAndGet() == 1) {
                context.saveCheckpoint("batch-1");
                assertThat(context.getCheckpoint()).isEqualTo("batch-1");
                context.saveCheckpoint("batch-2");
                throw new IllegalStateException("the first run breaks after batch 2");
            }
            context.saveCheckpoint("batch-3");
        }, JobConfiguration.newBuilder(job, 2).cron(YEARLY).jobErrorHandlerType(RecordingJobErrorHandler.TYPE).build());

        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() == 1 && runs.get() == 2);
        CheckpointInfo left = cluster.operate().getCheckpoint(job, RecordingJobErrorHandler.failures(job).get(0).item());
        assertThat(left.checkpoint()).isEqualTo("batch-2");
        assertThat(left.instanceId()).isNotEmpty();
        assertThat(left.fencingToken()).isPositive();
        assertThat(left.savedAt()).isNotNull();

        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> runs.get() == 4);
        // the item that failed starts from its checkpoint; the other one completed, so its checkpoint was cleared
        assertThat(seen.subList(2, 4)).containsExactlyInAnyOrder("batch-2", "null");
        await().atMost(WAIT).until(() -> !hasCheckpointNode(job, 0) && !hasCheckpointNode(job, 1));
        assertThat(cluster.operate().getCheckpoint(job, 0)).isNull();
    }

    @Test
    void keepCheckpointOnSuccessKeepsItAndAnOperatorCanClearIt() {
        String job = "checkpoint-kept";
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        start(context -> {
            seen.add(String.valueOf(context.getCheckpoint()));
            context.saveCheckpoint("offset-" + runs.incrementAndGet());
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).keepCheckpointOnSuccess(true).build());

        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> runs.get() == 1);
        await().atMost(WAIT).until(() -> cluster.operate().getCheckpoint(job, 0) != null);
        assertThat(cluster.operate().getCheckpoint(job, 0).checkpoint()).isEqualTo("offset-1");
        assertThat(JobAPIFactory.createShardingStatisticsAPI(cluster.admin()).getShardingInfo(job))
                .singleElement().satisfies(info -> assertThat(info.checkpoint()).isTrue());

        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> runs.get() == 2);
        assertThat(seen).containsExactly("null", "offset-1");

        assertThat(cluster.operate().clearCheckpoint(job, 0)).isTrue();
        assertThat(cluster.operate().clearCheckpoint(job, 0)).isFalse();
        assertThat(cluster.operate().getCheckpoint(job, 0)).isNull();
        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> runs.get() == 3);
        assertThat(seen.get(2)).isEqualTo("null");
    }

    @Test
    void aRetryOfTheSameExecutionSeesWhatTheFailedTrySaved() {
        String job = "checkpoint-retry";
        List<String> seen = new CopyOnWriteArrayList<>();
        start(context -> {
            seen.add(String.valueOf(context.getCheckpoint()));
            if (seen.size() == 1) {
                context.saveCheckpoint("half-way");
                throw new IllegalStateException("the first try breaks half-way");
            }
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemRetries(1).itemRetryBackoffMillis(50).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("null", "half-way");
        await().atMost(WAIT).until(() -> !hasCheckpointNode(job, 0));
    }

    @Test
    void aCheckpointLargerThan64KibIsRefusedWithTheLimitNamed() {
        String job = "checkpoint-too-large";
        AtomicReference<Throwable> refused = new AtomicReference<>();
        start(context -> {
            try {
                context.saveCheckpoint("x".repeat(ShardingContext.MAX_CHECKPOINT_BYTES + 1));
            } catch (IllegalArgumentException ex) {
                refused.set(ex);
            }
            context.saveCheckpoint("é".repeat(ShardingContext.MAX_CHECKPOINT_BYTES / 2));
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).keepCheckpointOnSuccess(true).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> cluster.operate().getCheckpoint(job, 0) != null);
        assertThat(refused.get()).hasMessageContaining("65537 bytes").hasMessageContaining("at most 65536 bytes");
        assertThat(cluster.operate().getCheckpoint(job, 0).checkpoint()).hasSize(ShardingContext.MAX_CHECKPOINT_BYTES / 2);
    }

    @Test
    void aSaveAfterTheSessionExpiredIsRefusedAndLeavesTheStoredCheckpoint() throws Exception {
        String job = "checkpoint-zombie";
        CountDownLatch saved = new CountDownLatch(1);
        CountDownLatch expired = new CountDownLatch(1);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        start(context -> {
            if (runs.incrementAndGet() > 1) {
                return;
            }
            context.saveCheckpoint("before the expiry");
            saved.countDown();
            if (!expired.await(30, TimeUnit.SECONDS)) {
                return;
            }
            try {
                context.saveCheckpoint("after the expiry");
            } catch (IllegalStateException ex) {
                refused.set(ex);
            }
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).keepCheckpointOnSuccess(true).build());
        cluster.operate().trigger(job);
        assertThat(saved.await(30, TimeUnit.SECONDS)).isTrue();

        ZOOKEEPER.expireSession(registryCenters.get(job));
        await().atMost(WAIT).until(() -> !cluster.tree().exists(job, "sharding/0/running"));
        expired.countDown();

        await().atMost(WAIT).until(() -> refused.get() != null);
        assertThat(refused.get()).hasMessageContaining("checkpoint of job 'checkpoint-zombie' item 0");
        assertThat(cluster.operate().getCheckpoint(job, 0).checkpoint()).isEqualTo("before the expiry");
    }
}
