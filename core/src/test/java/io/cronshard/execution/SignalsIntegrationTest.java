package io.cronshard.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.api.listener.JobAlarm;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.internal.common.SystemSettings;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Missed fires, overdue items and items without a live owner, as metrics and alarms, against a real ZooKeeper. */
class SignalsIntegrationTest {

    private static final String EVERY_SECOND = "* * * * * ?";
    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "signals");

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();

    @AfterEach
    void shutDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        System.clearProperty(SystemSettings.OVERDUE_MIN_MILLIS);
    }

    private void start(SimpleJob job, JobConfiguration config, int sessionTimeoutMillis) {
        var zkConfig = ZOOKEEPER.newZookeeperConfiguration(cluster.namespace());
        zkConfig.setSessionTimeoutMilliseconds(sessionTimeoutMillis);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(zkConfig), job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        cluster.tree().awaitSettled(config.getJobName(), config.getShardingTotalCount(), 1);
    }

    @Test
    void firesOfADisabledJobAreMissedWithTheReasonDisabled() {
        String job = "signals-disabled";
        RecordingSignals signals = new RecordingSignals();
        AtomicInteger runs = new AtomicInteger();
        start(context -> runs.incrementAndGet(), JobConfiguration.newBuilder(job, 2).cron(EVERY_SECOND).metrics(signals).alarms(signals).build(),
                10_000);
        await().atMost(WAIT).until(() -> runs.get() >= 2);

        cluster.operate().disable(job, null);

        await().atMost(WAIT).until(() -> signals.alarmed(JobAlarm.Kind.FIRE_MISSED, "DISABLED"));
        assertThat(signals.missed).filteredOn(each -> each.reason().equals("DISABLED")).allMatch(each -> each.items() == 2);
        assertThat(signals.alarms).filteredOn(each -> each.getReason().equals("DISABLED")).first()
                .satisfies(alarm -> assertThat(alarm.getItems()).containsExactly(0, 1));
    }

    @Test
    void theLeaderReportsItemsWithoutALiveOwnerAtEachFireAndOnceAfterTheSessionTimeout() {
        String job = "signals-unowned";
        RecordingSignals signals = new RecordingSignals();
        start(context -> { }, JobConfiguration.newBuilder(job, 2).cron(EVERY_SECOND).reconcileIntervalMinutes(0).metrics(signals)
                .alarms(signals).build(), 4_000);

        // the only server disabled: the split gives the items to no instance
        String server = cluster.tree().owner(job, 0).split("@-@")[0];
        cluster.operate().disable(job, server);

        await().atMost(WAIT).until(() -> signals.alarmed(JobAlarm.Kind.FIRE_MISSED, "NO_OWNER"));
        assertThat(signals.alarms).filteredOn(each -> each.getReason().equals("NO_OWNER")).first()
                .satisfies(alarm -> assertThat(alarm.getItems()).containsExactly(0, 1));
        await().atMost(WAIT).until(() -> signals.unowned.size() == 2);
        assertThat(signals.alarms).filteredOn(each -> each.getKind() == JobAlarm.Kind.ITEM_UNOWNED)
                .allSatisfy(alarm -> assertThat(alarm.getDuration()).isGreaterThan(Duration.ofMillis(3_000)));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> signals.unowned.size() == 2);

        cluster.operate().enable(job, server);
        await().atMost(WAIT).until(() -> !cluster.tree().owner(job, 1).isEmpty());
    }

    @Test
    void anItemRunningFarPastItsUsualDurationIsOverdue() {
        String job = "signals-usual-duration";
        System.setProperty(SystemSettings.OVERDUE_MIN_MILLIS, "500");
        RecordingSignals signals = new RecordingSignals();
        AtomicInteger runs = new AtomicInteger();
        start(context -> {
            Thread.sleep(runs.incrementAndGet() <= 3 ? 20 : 3_000);
        }, JobConfiguration.newBuilder(job, 1).cron(EVERY_SECOND).metrics(signals).alarms(signals).build(), 10_000);

        await().atMost(WAIT).until(() -> signals.alarmed(JobAlarm.Kind.ITEM_OVERDUE, "USUAL_DURATION"));
        assertThat(runs.get()).isGreaterThanOrEqualTo(4);
        assertThat(signals.overdue).containsOnly(0);
    }

    @Test
    void firesWithoutContactWithZookeeperAreMissedWithTheReasonSuspended() {
        String job = "signals-suspended";
        RecordingSignals signals = new RecordingSignals();
        AtomicInteger runs = new AtomicInteger();
        start(context -> runs.incrementAndGet(), JobConfiguration.newBuilder(job, 1).cron(EVERY_SECOND).metrics(signals).alarms(signals).build(),
                20_000);
        await().atMost(WAIT).until(() -> runs.get() >= 1);

        ZOOKEEPER.stop();
        try {
            await().atMost(WAIT).until(() -> signals.alarmed(JobAlarm.Kind.FIRE_MISSED, "SUSPENDED"));
        } finally {
            ZOOKEEPER.restart();
        }
        int before = runs.get();
        await().atMost(WAIT).until(() -> runs.get() > before);
    }
}
