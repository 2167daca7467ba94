package io.cronshard.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.api.listener.JobAlarm;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.jobtype.RecordingJobErrorHandler;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobCluster;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Retries with backoff and timeouts against a real ZooKeeper. */
class RetryAndTimeoutIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "retry");

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();

    /** One try as the body saw it. */
    record Try(String taskId, long token, long runningMarkCzxid, long startMillis, long endMillis) {
    }

    @AfterEach
    void shutDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
    }

    private ScheduleJobBootstrap start(SimpleJob job, JobConfiguration config) {
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(cluster.namespace()), job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        cluster.tree().awaitSettled(config.getJobName(), config.getShardingTotalCount(), 1);
        return bootstrap;
    }

    private long runningMarkCzxid(String job, int item) throws Exception {
        Stat stat = cluster.raw().checkExists().forPath(cluster.tree().path(job, "sharding/" + item + "/running"));
        return stat == null ? -1L : stat.getCzxid();
    }

    @Test
    void failedItemRunsAgainAsTheSameExecutionWithGrowingWaits() throws Exception {
        String job = "retry-same-execution";
        List<Try> tries = new CopyOnWriteArrayList<>();
        RecordingSignals signals = new RecordingSignals();
        start(context -> {
            long start = System.currentTimeMillis();
            long czxid = runningMarkCzxid(job, 0);
            tries.add(new Try(context.getTaskId(), context.getFencingToken(), czxid, start, System.currentTimeMillis()));
            if (tries.size() < 3) {
                throw new IllegalStateException("try " + tries.size() + " fails");
            }
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemRetries(3).itemRetryBackoffMillis(400)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).metrics(signals).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> tries.size() == 3 && signals.items.size() == 3);
        assertThat(tries).extracting(Try::taskId).containsOnly(tries.get(0).taskId());
        assertThat(tries).extracting(Try::token).containsOnly(tries.get(0).token());
        assertThat(tries).extracting(Try::runningMarkCzxid).containsOnly(tries.get(0).runningMarkCzxid()).doesNotContain(-1L);
        // 400 ms, then 800 ms, each up to a quarter shorter
        assertThat(tries.get(1).startMillis() - tries.get(0).endMillis()).isGreaterThanOrEqualTo(290L);
        assertThat(tries.get(2).startMillis() - tries.get(1).endMillis()).isGreaterThanOrEqualTo(590L);
        assertThat(signals.items).extracting(RecordingSignals.Item::success).containsExactly(false, false, true);
        assertThat(signals.retries).extracting(RecordingSignals.Retry::failedTry).containsExactly(1, 2);
        assertThat(RecordingJobErrorHandler.failures(job)).isEmpty();
        await().atMost(WAIT).until(() -> runningMarkCzxid(job, 0) == -1L);
    }

    @Test
    void errorHandlerHearsOnceAfterTheLastTry() {
        String job = "retry-exhausted";
        AtomicInteger tries = new AtomicInteger();
        start(context -> {
            throw new IllegalStateException("try " + tries.incrementAndGet() + " fails");
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemRetries(2).itemRetryBackoffMillis(50)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() == 1);
        assertThat(tries).hasValue(3);
        assertThat(RecordingJobErrorHandler.failures(job).get(0).cause()).hasMessage("try 3 fails");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> tries.get() == 3 && RecordingJobErrorHandler.failures(job).size() == 1);
    }

    @Test
    void aFireDuringTheTriesIsMissedAndNeverOverlaps() {
        String job = "retry-no-overlap";
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger tries = new AtomicInteger();
        List<String> sources = new CopyOnWriteArrayList<>();
        RecordingSignals signals = new RecordingSignals();
        start(context -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sources.add(context.getTaskId().split("@-@")[2]);
            try {
                Thread.sleep(100);
                throw new IllegalStateException("try " + tries.incrementAndGet() + " fails");
            } finally {
                running.decrementAndGet();
            }
        }, JobConfiguration.newBuilder(job, 1).cron(EVERY_SECOND).misfire(true).itemRetries(2).itemRetryBackoffMillis(1_000)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).metrics(signals).alarms(signals).build());

        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() >= 2);
        assertThat(mostAtOnce).hasValue(1);
        assertThat(signals.missedFor("ITEM_RUNNING")).isTrue();
        assertThat(signals.alarmed(JobAlarm.Kind.FIRE_MISSED, "ITEM_RUNNING")).isTrue();
        // the fire missed during the tries is made up right after them
        assertThat(sources).contains("MISFIRE");
    }

    @Test
    void losingTheItemCancelsTheRemainingTries() throws Exception {
        String job = "retry-cancelled";
        AtomicInteger tries = new AtomicInteger();
        start(context -> {
            throw new IllegalStateException("try " + tries.incrementAndGet() + " fails");
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemRetries(50).itemRetryBackoffMillis(300)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).build());

        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> tries.get() >= 2);
        cluster.operate().disable(job, null);

        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() == 1);
        int triesWhenCancelled = tries.get();
        assertThat(triesWhenCancelled).isLessThan(10);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> tries.get() == triesWhenCancelled);
        await().atMost(WAIT).until(() -> runningMarkCzxid(job, 0) == -1L);
    }

    @Test
    void shutdownEndsAWaitBetweenTriesAtOnce() {
        String job = "retry-shutdown";
        AtomicInteger tries = new AtomicInteger();
        ScheduleJobBootstrap bootstrap = start(context -> {
            throw new IllegalStateException("try " + tries.incrementAndGet() + " fails");
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemRetries(3).itemRetryBackoffMillis(60_000)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).build());
        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> tries.get() == 1);

        long start = System.nanoTime();
        bootstrap.shutdown();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(tries).hasValue(1);
        assertThat(RecordingJobErrorHandler.failures(job)).hasSize(1);
    }

    @Test
    void aBodyPastItsTimeoutIsInterruptedAndFails() {
        String job = "timeout-interrupted";
        RecordingSignals signals = new RecordingSignals();
        start(context -> Thread.sleep(20_000), JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemTimeoutMillis(300)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).metrics(signals).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() == 1);
        assertThat(RecordingJobErrorHandler.failures(job).get(0).cause()).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("timeout of 300 ms");
        assertThat(signals.items).hasSize(1);
        assertThat(signals.items.get(0).success()).isFalse();
        assertThat(signals.items.get(0).duration()).isLessThan(Duration.ofSeconds(10));
        assertThat(signals.overdue).isEmpty();
    }

    @Test
    void aBodyThatIgnoresTheInterruptKeepsItsItemAndIsOverdue() throws Exception {
        String job = "timeout-ignored";
        RecordingSignals signals = new RecordingSignals();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        start(context -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            long deadline = System.currentTimeMillis() + 4_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // this body does not stop when told
                }
            }
            running.decrementAndGet();
        }, JobConfiguration.newBuilder(job, 1).cron(YEARLY).itemTimeoutMillis(300).misfire(false)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE).metrics(signals).alarms(signals).build());

        cluster.operate().trigger(job);

        await().atMost(WAIT).until(() -> signals.alarmed(JobAlarm.Kind.ITEM_OVERDUE, "TIMEOUT"));
        assertThat(signals.overdue).containsExactly(0);
        await().atMost(WAIT).until(() -> overdueInConsole(job));
        assertThat(runningMarkCzxid(job, 0)).isNotEqualTo(-1L);
        cluster.operate().trigger(job);
        await().atMost(WAIT).until(() -> signals.missedFor("ITEM_RUNNING"));

        // the trigger that came while it ran is made up once it returned, never beside it
        await().atMost(WAIT).until(() -> RecordingJobErrorHandler.failures(job).size() == 2);
        assertThat(RecordingJobErrorHandler.failures(job)).extracting(RecordingJobErrorHandler.Failure::cause)
                .allMatch(TimeoutException.class::isInstance);
        await().atMost(WAIT).until(() -> runningMarkCzxid(job, 0) == -1L && !overdueInConsole(job));
        assertThat(mostAtOnce).hasValue(1);
        assertThat(runs).hasValue(2);
    }

    private boolean overdueInConsole(String job) {
        return JobAPIFactory.createShardingStatisticsAPI(cluster.admin()).getShardingInfo(job).stream().anyMatch(ShardingInfo::overdue);
    }
}
