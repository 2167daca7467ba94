package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.SimpleJob;
import io.cronshard.api.listener.AbstractDistributeOnceJobListener;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.RegistryCenterException;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * No job can knock out its neighbours: every size has a limit checked before anything is written,
 * a job larger than one transaction is written in several, and the shared registry center never
 * drops its connection — each case with a healthy one-item job beside it on the same registry
 * center, which must miss no fire.
 */
class LimitsIntegrationTest {

    private static final String EVERY_SECOND = "* * * * * ?";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final List<Long> neighbourRuns = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> connectionChanges = new CopyOnWriteArrayList<>();
    private String namespace;
    private ZookeeperRegistryCenter shared;
    private CuratorFramework raw;

    @BeforeEach
    void startHealthyNeighbour() {
        namespace = ZOOKEEPER.uniqueNamespace("limits");
        shared = ZOOKEEPER.newRegistryCenter(namespace);
        ((CuratorFramework) shared.getRawClient()).getConnectionStateListenable().addListener((client, state) -> connectionChanges.add(state));
        raw = ZOOKEEPER.newRawClient();
        SimpleJob neighbour = context -> neighbourRuns.add(System.currentTimeMillis());
        schedule(neighbour, JobConfiguration.newBuilder("healthy", 1).cron(EVERY_SECOND).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> neighbourRuns.size() >= 2);
    }

    @AfterEach
    void tearDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    private ScheduleJobBootstrap schedule(SimpleJob job, JobConfiguration config) {
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(shared, job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        return bootstrap;
    }

    /** The neighbour fires every second: over a window, it ran (nearly) once per second, and the connection never dropped. */
    private void assertNeighbourMissedNoFire(long fromMillis, long toMillis) {
        long seconds = (toMillis - fromMillis) / 1000;
        long runs = neighbourRuns.stream().filter(at -> at >= fromMillis && at < toMillis).count();
        assertThat(runs).as("runs of the healthy job in %d s", seconds).isGreaterThanOrEqualTo(seconds - 1);
        assertThat(connectionChanges).as("the shared registry center's connection").doesNotContain(ConnectionState.SUSPENDED, ConnectionState.LOST);
    }

    @Test
    void aJobWithMoreItemsThanOneTransactionHoldsRunsThemAllAndItsNeighbourMissesNoFire() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        long from = System.currentTimeMillis();
        schedule(context -> ran.add(context.getShardingItem()), JobConfiguration.newBuilder("big", 6000).cron("0/2 * * * * ?").build());

        await("every item of the big job ran").atMost(Duration.ofSeconds(60)).until(() -> ran.size() == 6000);
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() - from >= 8_000);
        assertNeighbourMissedNoFire(from + 2_000, System.currentTimeMillis() - 1_000);
    }

    @Test
    void oversizedValuesAreRefusedByTheBuilderBeforeAnythingIsWritten() throws Exception {
        long from = System.currentTimeMillis();
        long started = System.nanoTime();
        assertThatThrownBy(() -> JobConfiguration.newBuilder("n".repeat(1_100_000), 1).cron(EVERY_SECOND).build())
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'jobName'").hasMessageContaining("1,100,000 characters").hasMessageContaining("at most 128")
                .satisfies(ex -> assertThat(ex.getMessage()).hasSizeLessThan(300));
        assertThat(System.nanoTime() - started).as("refused at once").isLessThan(1_000_000_000L);
        assertThatThrownBy(() -> JobConfiguration.newBuilder("huge", 1).cron(EVERY_SECOND).jobParameter("p".repeat(2 * 1024 * 1024)).build())
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'jobParameter'").hasMessageContaining("2,097,152 bytes").hasMessageContaining("at most 65,536 bytes");
        JobConfiguration stored = JobConfiguration.newBuilder("updated", 1).cron("0 0 0 1 1 ? 2099").build();
        schedule(context -> { }, stored);
        assertThatThrownBy(() -> stored.toBuilder().jobParameter("p".repeat(2 * 1024 * 1024)).build())
                .isInstanceOf(JobConfigurationException.class).hasMessageContaining("'jobParameter'");

        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() - from >= 5_000);
        assertThat(raw.getChildren().forPath("/" + namespace)).containsExactlyInAnyOrder("healthy", "updated");
        assertNeighbourMissedNoFire(from, System.currentTimeMillis() - 1_000);
    }

    @Test
    void aWrongDigestIsRefusedByScheduleWithTheServerListAndWritesNothing() throws Exception {
        String secured = ZOOKEEPER.uniqueNamespace("digest");
        ZookeeperConfiguration alice = ZOOKEEPER.newZookeeperConfiguration(secured);
        alice.setDigest("alice:secret");
        ZookeeperRegistryCenter owner = ZOOKEEPER.newRegistryCenter(alice);
        ScheduleJobBootstrap first = new ScheduleJobBootstrap(owner, (SimpleJob) context -> { },
                JobConfiguration.newBuilder("guarded", 1).cron("0 0 0 1 1 ? 2099").build());
        first.schedule();
        bootstraps.add(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> !owner.getChildrenKeys("/guarded/instances").isEmpty());

        ZookeeperConfiguration mallory = ZOOKEEPER.newZookeeperConfiguration(secured);
        mallory.setDigest("alice:wrong");
        ZookeeperRegistryCenter intruder = ZOOKEEPER.newRegistryCenter(mallory);
        ScheduleJobBootstrap second = new ScheduleJobBootstrap(intruder, (SimpleJob) context -> { },
                JobConfiguration.newBuilder("guarded", 1).cron("0 0 0 1 1 ? 2099").build());
        assertThatThrownBy(second::schedule)
                .isInstanceOf(RegistryCenterException.class)
                .hasMessageContaining("NoAuth")
                .hasMessageContaining(ZOOKEEPER.getConnectString());
        assertThat(owner.getChildrenKeys("/guarded/instances")).hasSize(1);
        assertNeighbourMissedNoFire(System.currentTimeMillis() - 3_000, System.currentTimeMillis());
    }

    @Test
    void aStoredConfigurationNamingAnotherJobIsRefused() throws Exception {
        String json = "{\"jobName\":\"other\",\"shardingTotalCount\":1,\"cron\":\"* * * * * ?\"}";
        raw.create().creatingParentsIfNeeded().forPath("/" + namespace + "/victim/config", json.getBytes(StandardCharsets.UTF_8));
        ScheduleJobBootstrap victim = new ScheduleJobBootstrap(shared, (SimpleJob) context -> { },
                JobConfiguration.newBuilder("victim", 1).cron(EVERY_SECOND).build());
        assertThatThrownBy(victim::schedule)
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("victim")
                .hasMessageContaining("other");
        assertThat(raw.getChildren().forPath("/" + namespace + "/victim")).containsExactly("config");
    }

    @Test
    void aDistributeOnceJobLargerThanOneTransactionIsRefusedBeforeAnythingIsWritten() throws Exception {
        AbstractDistributeOnceJobListener once = new AbstractDistributeOnceJobListener(1_000, 1_000) {
            @Override
            public void doBeforeJobExecutedAtLastStarted(ShardingContexts contexts) {
            }

            @Override
            public void doAfterJobExecutedAtLastCompleted(ShardingContexts contexts) {
            }
        };
        ScheduleJobBootstrap tooLarge = new ScheduleJobBootstrap(shared, (SimpleJob) context -> { },
                JobConfiguration.newBuilder("once-big", 20_000).cron(EVERY_SECOND).build(), once);
        assertThatThrownBy(tooLarge::schedule)
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'shardingTotalCount'")
                .hasMessageContaining("distribute-once");
        assertThat(raw.checkExists().forPath("/" + namespace + "/once-big")).isNull();
    }
}
