package io.cronshard.internal.cache;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The job tree cache against a real ZooKeeper: its load, its subscriptions, order and catch-up. */
class JobTreeCacheTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private CuratorFramework client;
    private JobTreeCache cache;

    @BeforeEach
    void setUp() throws Exception {
        client = (CuratorFramework) ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("cache")).getRawClient();
        client.create().creatingParentsIfNeeded().forPath("/job/config", "{}".getBytes(StandardCharsets.UTF_8));
        client.create().creatingParentsIfNeeded().forPath("/job/sharding/0/instance", "a".getBytes(StandardCharsets.UTF_8));
        client.create().creatingParentsIfNeeded().forPath("/job/leader/election/latch/_c_1-latch-0");
        cache = new JobTreeCache(client, new JobNodePaths("job"));
    }

    @AfterEach
    void tearDown() {
        cache.close();
        ZOOKEEPER.closeClients();
    }

    @Test
    void loadsTheSubtreeWithDataWhereDataMattersAndLeavesTheLatchOut() throws Exception {
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();

        assertThat(cache.getData("config")).isEqualTo("{}");
        assertThat(cache.getData("sharding/0/instance")).isEqualTo("a");
        assertThat(cache.get("sharding/0/instance").getStat()).isNotNull();
        assertThat(cache.exists("sharding/0")).isTrue();
        assertThat(cache.exists("leader/election/latch")).isFalse();
        assertThat(cache.getChildren("sharding")).containsExactly("0");
    }

    @Test
    void loadsALevelLargerThanOneMultiReadInSeveral() throws Exception {
        int items = MultiRead.MAX_READS + 100;
        List<CuratorOp> ops = new ArrayList<>();
        for (int item = 1; item < items; item++) {
            ops.add(client.transactionOp().create().forPath("/job/sharding/" + item, new byte[0]));
            ops.add(client.transactionOp().create().forPath("/job/sharding/" + item + "/instance", ("i" + item).getBytes(StandardCharsets.UTF_8)));
        }
        client.transaction().forOperations(ops);
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();

        assertThat(cache.getChildren("sharding")).hasSize(items);
        assertThat(cache.getData("sharding/" + (items - 1) + "/instance")).isEqualTo("i" + (items - 1));
        assertThat(cache.isCaughtUpWith(0)).as("loaded: complete").isTrue();
    }

    @Test
    void eachSubscriberHearsOfItsOwnPathsInTheOrderZookeeperMadeThem() throws Exception {
        cache.subscribe(path -> path.startsWith("sharding/"), (type, path, node, zxid) -> seen.add(type + " " + path));
        cache.subscribe(path -> path.equals("config"), (type, path, node, zxid) -> seen.add("config " + node.getData()));
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();
        seen.clear();

        client.create().withMode(CreateMode.EPHEMERAL).forPath("/job/sharding/0/running");
        client.setData().forPath("/job/config", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        client.delete().forPath("/job/sharding/0/running");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly("CREATED sharding/0/running", "config {\"a\":1}", "DELETED sharding/0/running");
    }

    @Test
    void aCatchUpRunsAfterEveryChangeMadeBeforeIt() throws Exception {
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();
        client.setData().forPath("/job/sharding/0/instance", "b".getBytes(StandardCharsets.UTF_8));
        CountDownLatch caughtUp = new CountDownLatch(1);
        List<String> atCatchUp = new CopyOnWriteArrayList<>();

        cache.afterCatchUp(() -> {
            atCatchUp.add(cache.getData("sharding/0/instance"));
            caughtUp.countDown();
        });

        assertThat(caughtUp.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(atCatchUp).containsExactly("b");
    }

    @Test
    void aForgottenNodeIsGoneAtOnceAndALateEventChangesNothing() throws Exception {
        client.create().withMode(CreateMode.EPHEMERAL).forPath("/job/sharding/0/running");
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();

        cache.forget("sharding/0/running");
        assertThat(cache.exists("sharding/0/running")).isFalse();
        client.delete().forPath("/job/sharding/0/running");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !cache.exists("sharding/0/running"));
    }

    @Test
    void knowsUpToWhichChangeItsViewIsComplete() throws Exception {
        client.create().creatingParentsIfNeeded().forPath("/job/leader/sharding/necessary");
        assertThat(cache.isCaughtUpWith(0)).as("before its first load").isFalse();
        cache.start();
        assertThat(cache.awaitLoaded(10_000)).isTrue();
        long flagRead = cache.get("leader/sharding/necessary").getStat().getMzxid();

        // read by the first load, announced by no event: a catch-up vouches for it
        CountDownLatch caughtUp = new CountDownLatch(1);
        cache.afterCatchUp(caughtUp::countDown);
        assertThat(caughtUp.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.isCaughtUpWith(flagRead)).isTrue();

        // an event applied: the view is complete up to it, and not beyond
        client.setData().forPath("/job/leader/sharding/necessary", new byte[0]);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("leader/sharding/necessary").version() == 1);
        long raised = cache.get("leader/sharding/necessary").getStat().getMzxid();
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.isCaughtUpWith(raised));
        assertThat(cache.isCaughtUpWith(raised + 1)).isFalse();
    }
}
