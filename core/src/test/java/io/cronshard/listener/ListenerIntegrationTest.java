package io.cronshard.listener;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.SimpleJob;
import io.cronshard.api.listener.AbstractDistributeOnceJobListener;
import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobTree;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Job listeners against a real ZooKeeper with several instances: per-instance listeners, listeners
 * by type name, and distribute-once listeners (exactly one call per fire across instances).
 */
class ListenerIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private String namespace;
    private JobOperateAPI operateAPI;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("listeners");
        operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
        raw = ZOOKEEPER.newRawClient();
        CountingTypedListener.BEFORE.set(0);
        CountingTypedListener.AFTER.set(0);
    }

    @AfterEach
    void tearDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    private ScheduleJobBootstrap start(SimpleJob job, JobConfiguration config, JobListener... listeners) {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config, listeners);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        return bootstrap;
    }

    private void awaitSplitOver(String job, int items, int instances) {
        new JobTree(raw, namespace).awaitSettled(job, items, instances);
    }

    @Test
    void everyInstanceCallsItsListenersAroundEachFireWithItsOwnItems() {
        List<String> calls = new CopyOnWriteArrayList<>();
        List<ShardingContexts> seen = new CopyOnWriteArrayList<>();
        JobListener recording = new JobListener() {
            @Override
            public void beforeJobExecuted(ShardingContexts contexts) {
                calls.add("before");
                seen.add(contexts);
            }

            @Override
            public void afterJobExecuted(ShardingContexts contexts) {
                calls.add("after");
            }
        };
        JobConfiguration config = JobConfiguration.newBuilder("around", 4).cron(YEARLY).jobListenerTypes("counting").build();
        start(context -> calls.add("item"), config, recording);
        start(context -> calls.add("item"), config, recording);
        awaitSplitOver("around", 4, 2);

        operateAPI.trigger("around");

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().filter("after"::equals).count() == 2);
        assertThat(calls.stream().filter("item"::equals)).hasSize(4);
        assertThat(seen).extracting(each -> each.getShardingItemParameterMap().size()).containsOnly(2);
        assertThat(seen).extracting(ShardingContexts::getExecutionSource).containsOnly("MANUAL");
        // the listener named by type runs on both instances too
        assertThat(CountingTypedListener.BEFORE.get()).isEqualTo(2);
        assertThat(CountingTypedListener.AFTER.get()).isEqualTo(2);
    }

    @Test
    void aDistributeOnceListenerIsCalledExactlyOncePerFireAcrossInstances() {
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        JobConfiguration config = JobConfiguration.newBuilder("once", 6).cron(YEARLY).build();
        for (int i = 0; i < 3; i++) {
            start(context -> Thread.sleep(100L * context.getShardingItem()), config, new AbstractDistributeOnceJobListener(10_000, 10_000) {
                @Override
                public void doBeforeJobExecutedAtLastStarted(ShardingContexts contexts) {
                    before.incrementAndGet();
                }

                @Override
                public void doAfterJobExecutedAtLastCompleted(ShardingContexts contexts) {
                    after.incrementAndGet();
                }
            });
        }
        awaitSplitOver("once", 6, 3);

        for (int fire = 1; fire <= 3; fire++) {
            int expected = fire;
            operateAPI.trigger("once");
            await().atMost(Duration.ofSeconds(20)).until(() -> after.get() == expected);
            assertThat(before.get()).isEqualTo(expected);
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> before.get() == 3 && after.get() == 3);
    }

    @Test
    void aDistributeOnceListenerWhoseSetNeverCompletesWaitsOnlyItsTimeoutAndSkipsTheCall() throws Exception {
        AtomicInteger before = new AtomicInteger();
        List<Long> started = new CopyOnWriteArrayList<>();
        JobConfiguration config = JobConfiguration.newBuilder("never", 2).cron(YEARLY).build();
        List<ScheduleJobBootstrap> two = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            two.add(start(context -> started.add(System.nanoTime()), config, new AbstractDistributeOnceJobListener(1_500, 1_500) {
                @Override
                public void doBeforeJobExecutedAtLastStarted(ShardingContexts contexts) {
                    before.incrementAndGet();
                }

                @Override
                public void doAfterJobExecutedAtLastCompleted(ShardingContexts contexts) {
                }
            }));
        }
        awaitSplitOver("never", 2, 2);

        // only one instance fires: its set of 1 item out of 2 never completes
        long triggered = System.nanoTime();
        raw.setData().forPath("/" + namespace + "/never/instances/" + two.get(0).getJobInstanceId(), "TRIGGER".getBytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 1);
        assertThat((started.get(0) - triggered) / 1_000_000L).as("waited for the other instance, but only the started timeout")
                .isGreaterThanOrEqualTo(1_400L);
        assertThat(before.get()).isZero();

        // both fire: the set completes and the callback runs once
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.checkExists().forPath("/" + namespace + "/never/guarantee/completed") == null);
        operateAPI.trigger("never");
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> before.get() == 1);
    }

    @Test
    void anUnknownListenerTypeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> JobConfiguration.newBuilder("bad", 1).cron(YEARLY).jobListenerTypes("nope").build())
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("jobListenerTypes")
                .hasMessageContaining("COUNTING");
    }
}
