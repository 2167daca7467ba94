package io.cronshard.metrics;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The metrics hook against a real ZooKeeper: counts by result, durations, fire latency, and a hook that throws. */
class JobMetricsIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final String EVERY_SECOND = "* * * * * ?";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private String namespace;
    private CuratorFramework raw;
    private JobOperateAPI operateAPI;
    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();

    /** Records every call. */
    static final class RecordingMetrics implements JobMetrics {

        record Item(String job, int item, String source, boolean success, Duration duration) {
        }

        record Fire(String job, String source, int items, boolean success, Duration duration) {
        }

        final List<Item> items = new CopyOnWriteArrayList<>();
        final List<Fire> started = new CopyOnWriteArrayList<>();
        final List<Fire> completed = new CopyOnWriteArrayList<>();

        @Override
        public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
            started.add(new Fire(jobName, executionSource, itemCount, true, latency));
        }

        @Override
        public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
            items.add(new Item(jobName, shardingItem, executionSource, success, duration));
        }

        @Override
        public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
            completed.add(new Fire(jobName, executionSource, -1, success, duration));
        }
    }

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("metrics");
        raw = ZOOKEEPER.newRawClient();
        operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
    }

    @AfterEach
    void tearDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    private ScheduleJobBootstrap schedule(SimpleJob job, JobConfiguration config) {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        return bootstrap;
    }

    private void awaitSplit(String job, int items) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int item = 0; item < items; item++) {
                if (raw.checkExists().forPath("/" + namespace + "/" + job + "/sharding/" + item + "/instance") == null) {
                    return false;
                }
            }
            return raw.checkExists().forPath("/" + namespace + "/" + job + "/leader/sharding/necessary") == null;
        });
    }

    @Test
    void countsEachItemByResultWithItsDurationAndEachFireWithItsLatency() {
        RecordingMetrics metrics = new RecordingMetrics();
        SimpleJob job = context -> {
            Thread.sleep(150);
            if (context.getShardingItem() == 2) {
                throw new IllegalStateException("item 2 fails");
            }
        };
        schedule(job, JobConfiguration.newBuilder("measured", 3).cron(YEARLY).metrics(metrics).build());
        awaitSplit("measured", 3);

        operateAPI.trigger("measured");
        await().atMost(Duration.ofSeconds(15)).until(() -> metrics.completed.size() == 1);

        assertThat(metrics.items).hasSize(3).allSatisfy(each -> {
            assertThat(each.job()).isEqualTo("measured");
            assertThat(each.source()).isEqualTo("MANUAL");
            assertThat(each.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(140)).isLessThan(Duration.ofSeconds(10));
        });
        assertThat(metrics.items.stream().filter(RecordingMetrics.Item::success).map(RecordingMetrics.Item::item)).containsExactlyInAnyOrder(0, 1);
        assertThat(metrics.items.stream().filter(each -> !each.success()).map(RecordingMetrics.Item::item)).containsExactly(2);

        assertThat(metrics.started).hasSize(1);
        RecordingMetrics.Fire started = metrics.started.get(0);
        assertThat(started.source()).isEqualTo("MANUAL");
        assertThat(started.items()).isEqualTo(3);
        assertThat(started.duration()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(5));

        RecordingMetrics.Fire completed = metrics.completed.get(0);
        assertThat(completed.success()).isFalse();
        assertThat(completed.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }

    @Test
    void cronFiresReportTheirLatencyFromTheScheduledTime() {
        RecordingMetrics metrics = new RecordingMetrics();
        schedule(context -> { }, JobConfiguration.newBuilder("latency", 1).cron(EVERY_SECOND).metrics(metrics).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> metrics.started.stream().filter(each -> each.source().equals("NORMAL")).count() >= 3);
        assertThat(metrics.started.stream().filter(each -> each.source().equals("NORMAL")))
                .allSatisfy(each -> assertThat(each.duration()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(3)));
        assertThat(metrics.items).allMatch(RecordingMetrics.Item::success);
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.completed.stream().anyMatch(RecordingMetrics.Fire::success));
    }

    @Test
    void aHookThatThrowsNeverStopsTheJob() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        JobMetrics broken = new JobMetrics() {
            @Override
            public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
                calls.incrementAndGet();
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
                calls.incrementAndGet();
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
                calls.incrementAndGet();
                throw new IllegalStateException("metrics backend down");
            }
        };
        schedule(context -> runs.incrementAndGet(), JobConfiguration.newBuilder("broken-metrics", 1).cron(EVERY_SECOND).metrics(broken).build());

        await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 3 && calls.get() >= 9);
    }
}
