package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder.Execution;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.JobInstances;
import io.cronshard.testsupport.JobTree;
import io.cronshard.testsupport.TcpProxy;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover of a crashed instance's running items, against a real ZooKeeper. The crash is a
 * network partition of the instance (its connection goes silent): the server, hearing nothing
 * more, expires its session after the timeout, as after a kill -9, while the instance, still
 * alive, notices through its own timeouts. The child-JVM kill -9 is in the chaos suite.
 */
class FailoverIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final int SESSION_MILLIS = 3_000;
    /** The target is the session timeout + 1 s; the rest is slack for a busy CI machine. */
    private static final Duration FAILOVER_BOUND = Duration.ofMillis(SESSION_MILLIS + 5_000);

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "failover").sessionTimeout(SESSION_MILLIS);

    private ExecutionRecorder recorder;
    private String namespace;
    private JobInstances instances;
    private JobOperateAPI operateAPI;
    private CuratorFramework raw;
    private TcpProxy proxy;
    private TcpProxy secondProxy;

    @BeforeEach
    void setUp() throws Exception {
        recorder = cluster.recorder();
        namespace = cluster.namespace();
        instances = cluster.instances();
        operateAPI = cluster.operate();
        raw = cluster.raw();
        proxy = new TcpProxy(ZOOKEEPER.getPort());
        secondProxy = new TcpProxy(ZOOKEEPER.getPort());
    }

    @AfterEach
    void tearDown() {
        proxy.heal();
        secondProxy.heal();
        // the instances leave through the proxies before these close
        instances.close();
        proxy.close();
        secondProxy.close();
    }

    private JobConfiguration.Builder longItems(String job, int items, boolean failover) {
        return JobConfiguration.newBuilder(job, items).cron(YEARLY).failover(failover);
    }

    private void awaitSplit(String job, int items, int instanceCount) {
        new JobTree(raw, namespace).awaitSettled(job, items, instanceCount);
    }

    private Map<String, Set<Integer>> owners(String job, int items) {
        JobTree tree = new JobTree(raw, namespace);
        Map<String, Set<Integer>> result = new java.util.TreeMap<>();
        for (int item = 0; item < items; item++) {
            String owner = tree.owner(job, item);
            if (!owner.isEmpty()) {
                result.computeIfAbsent(owner, key -> new TreeSet<>()).add(item);
            }
        }
        return result;
    }

    private static Set<Integer> items(List<Execution> executions, String instance, String source) {
        return executions.stream().filter(each -> each.instance.equals(instance) && each.source().equals(source))
                .map(each -> each.item).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aCrashedInstancesRunningItemsRunOnTheSurvivorAtOnceBesideItsOwn() throws Exception {
        recorder.itemDuration(8_000);
        instances.start("a", longItems("crash", 4, true).build(), proxy.getConnectString());
        instances.start("b", longItems("crash", 4, true).build());
        awaitSplit("crash", 4, 2);
        String aId = instances.bootstrap("a").getJobInstanceId();
        Set<Integer> aItems = owners("crash", 4).get(aId);

        operateAPI.trigger("crash");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 4);
        proxy.partition();
        long crashedAt = System.nanoTime();

        // every item a was running starts on b while b's own items still run: all at once, not after them
        await().atMost(FAILOVER_BOUND)
                .until(() -> items(recorder.all(), "b", "FAILOVER").equals(aItems));
        List<Execution> failedOver = recorder.all().stream().filter(each -> each.source().equals("FAILOVER")).toList();
        assertThat(failedOver).allMatch(each -> each.start >= crashedAt);
        assertThat(recorder.all().stream().filter(each -> each.instance.equals("b") && each.source().equals("MANUAL")))
                .as("b's own items were still running when the failed-over ones started")
                .allMatch(each -> each.end == 0 || each.end > failedOver.get(failedOver.size() - 1).start);
        // the failover took a fresh token, above the one the crashed owner had
        for (Execution each : failedOver) {
            long crashedToken = recorder.all().stream().filter(e -> e.item == each.item && e.instance.equals("a") && e.start < crashedAt)
                    .mapToLong(e -> e.fencingToken).max().orElseThrow();
            assertThat(each.fencingToken).isGreaterThan(crashedToken);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.all().stream().allMatch(each -> each.end != 0));
        recorder.assertNoOverlap();
        // the queue is empty and no failover or running mark is left behind
        await().atMost(Duration.ofSeconds(10)).until(() -> marksLeft("crash", 4).isEmpty());
        assertThat(raw.getChildren().forPath("/" + namespace + "/crash/leader/failover/items")).isEmpty();
    }

    private List<String> marksLeft(String job, int items) throws Exception {
        List<String> result = new java.util.ArrayList<>();
        for (int item = 0; item < items; item++) {
            for (String leaf : List.of("running", "failover")) {
                if (raw.checkExists().forPath("/" + namespace + "/" + job + "/sharding/" + item + "/" + leaf) != null) {
                    result.add(item + "/" + leaf);
                }
            }
        }
        return result;
    }

    @Test
    void aCrashedLeadersItemsAreFailedOverByTheNewLeader() throws Exception {
        recorder.itemDuration(6_000);
        instances.start("a", longItems("leader-crash", 2, true).build(), proxy.getConnectString());
        awaitSplit("leader-crash", 2, 1);
        instances.start("b", longItems("leader-crash", 2, true).build());
        awaitSplit("leader-crash", 2, 2);
        String leader = new String(raw.getData().forPath("/" + namespace + "/leader-crash/leader/election/instance"));
        assertThat(leader).isEqualTo(instances.bootstrap("a").getJobInstanceId());
        Set<Integer> aItems = owners("leader-crash", 2).get(leader);

        operateAPI.trigger("leader-crash");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);
        proxy.partition();

        await().atMost(FAILOVER_BOUND)
                .until(() -> items(recorder.all(), "b", "FAILOVER").equals(aItems));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.all().stream().allMatch(each -> each.end != 0));
        recorder.assertNoOverlap();
    }

    @Test
    void withoutFailoverACrashedInstancesItemsWaitForTheirNextFire() throws Exception {
        recorder.itemDuration(5_000);
        instances.start("a", longItems("no-failover", 2, false).build(), proxy.getConnectString());
        instances.start("b", longItems("no-failover", 2, false).build());
        awaitSplit("no-failover", 2, 2);

        operateAPI.trigger("no-failover");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);
        proxy.partition();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> recorder.all().stream().noneMatch(each -> each.source().equals("FAILOVER")));
        assertThat(raw.checkExists().forPath("/" + namespace + "/no-failover/leader/failover/items")).isNull();
    }

    @Test
    void whenEveryInstanceDiesTogetherNothingStaleBlocksTheItemsOfTheNextOnes() throws Exception {
        recorder.itemDuration(20_000);
        JobConfiguration config = longItems("all-die", 2, true).build();
        instances.start("a", config, proxy.getConnectString());
        instances.start("b", config, secondProxy.getConnectString());
        awaitSplit("all-die", 2, 2);
        operateAPI.trigger("all-die");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);

        // the whole cluster goes at once (design note 4, docs/design-notes.md: nothing may stay behind to block the items)
        proxy.partition();
        secondProxy.partition();
        await().atMost(Duration.ofSeconds(20)).until(() -> raw.getChildren().forPath("/" + namespace + "/all-die/instances").isEmpty());
        assertThat(marksLeft("all-die", 2)).isEmpty();
        recorder.itemDuration(500);
        instances.start("c", config);
        awaitSplit("all-die", 2, 1);

        // no survivor saw what was running, so nothing is failed over; the next fire runs every item
        long since = System.nanoTime();
        operateAPI.trigger("all-die");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.itemsByInstanceSince(since).getOrDefault("c", Set.of()).equals(Set.of(0, 1)));
        recorder.assertNoOverlap();
    }

    @Test
    void aGracefulShutdownIsNotACrash() throws Exception {
        recorder.itemDuration(1_500);
        instances.start("a", longItems("graceful", 2, true).build());
        instances.start("b", longItems("graceful", 2, true).build());
        awaitSplit("graceful", 2, 2);

        operateAPI.trigger("graceful");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);
        instances.stop("a");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> recorder.all().stream().noneMatch(each -> each.source().equals("FAILOVER")));
        assertThat(recorder.all()).hasSize(2).allMatch(each -> each.end != 0);
    }

    @Test
    void aSurvivorThatDiesBeforeClaimingHandsItsFailoverToTheNext() throws Exception {
        recorder.itemDuration(6_000);
        JobConfiguration config = longItems("chain", 3, true).build();
        instances.start("a", config, proxy.getConnectString());
        instances.start("b", config, secondProxy.getConnectString());
        instances.start("c", config);
        awaitSplit("chain", 3, 3);
        Set<Integer> crashed = new TreeSet<>(owners("chain", 3).get(instances.bootstrap("a").getJobInstanceId()));
        crashed.addAll(owners("chain", 3).get(instances.bootstrap("b").getJobInstanceId()));

        operateAPI.trigger("chain");
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 3);
        // a and b crash in one go: whoever is named for an item and dies with it hands it on
        proxy.partition();
        secondProxy.partition();

        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.all().stream()
                .filter(each -> each.source().equals("FAILOVER")).map(each -> each.item).collect(Collectors.toSet()).containsAll(crashed));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.all().stream().allMatch(each -> each.end != 0));
        recorder.assertNoOverlap();
    }
}
