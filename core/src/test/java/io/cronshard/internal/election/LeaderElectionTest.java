package io.cronshard.internal.election;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The election of one job's leader against a real ZooKeeper: one node, an epoch that fences the leader's writes. */
class LeaderElectionTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private final JobNodePaths paths = new JobNodePaths("job");
    private final List<JobTreeCache> caches = new ArrayList<>();
    private String namespace;

    @BeforeEach
    void setUp() throws Exception {
        namespace = ZOOKEEPER.uniqueNamespace("election");
        client().create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.ELECTION));
    }

    @AfterEach
    void tearDown() {
        caches.forEach(JobTreeCache::close);
        callbacks.shutdownNow();
        ZOOKEEPER.closeClients();
    }

    private CuratorFramework client() {
        return (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
    }

    /** An election following its own cache, as a job instance's does. */
    private LeaderElection join(CuratorFramework client, String id, AtomicInteger led) {
        LeaderElection election = new LeaderElection(client, paths, id, led::incrementAndGet, callbacks);
        JobTreeCache cache = new JobTreeCache(client, paths);
        cache.subscribe(LeaderElection::follows, election);
        caches.add(cache);
        cache.start();
        election.start();
        return election;
    }

    private static String leader(CuratorFramework client, JobNodePaths paths) throws Exception {
        return client.checkExists().forPath(paths.full(JobNodePaths.ELECTION_INSTANCE)) == null ? null
                : new String(client.getData().forPath(paths.full(JobNodePaths.ELECTION_INSTANCE)), StandardCharsets.UTF_8);
    }

    @Test
    void oneOfTwoLeadsOnOneNodeAndHandsOverWhenItLeaves() throws Exception {
        CuratorFramework first = client();
        CuratorFramework second = client();
        AtomicInteger firstLed = new AtomicInteger();
        AtomicInteger secondLed = new AtomicInteger();
        LeaderElection a = join(first, "a", firstLed);
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        LeaderElection b = join(second, "b", secondLed);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> "a".equals(leader(first, paths)) && !b.isLeader());
        assertThat(firstLed).hasValue(1);
        assertThat(first.getChildren().forPath(paths.full(JobNodePaths.ELECTION))).containsExactly("instance");

        a.close();
        await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
        assertThat(leader(second, paths)).isEqualTo("b");
        assertThat(secondLed).hasValue(1);
        b.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> leader(second, paths) == null);
    }

    @Test
    void aFormerLeadersWritesAreRefusedOnceAnotherLeads() throws Exception {
        CuratorFramework first = client();
        CuratorFramework second = client();
        LeaderElection a = join(first, "a", new AtomicInteger());
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        CuratorOp formerFence = a.fence();
        first.transaction().forOperations(formerFence, first.transactionOp().create().forPath("/written-by-a-leading"));

        LeaderElection b = join(second, "b", new AtomicInteger());
        ZOOKEEPER.expireSession(first);
        await().atMost(Duration.ofSeconds(20)).until(b::isLeader);

        assertThatThrownBy(() -> first.transaction().forOperations(formerFence, first.transactionOp().create().forPath("/written-by-a-former")))
                .isInstanceOf(KeeperException.BadVersionException.class);
        assertThat(first.checkExists().forPath("/written-by-a-former")).isNull();
        second.transaction().forOperations(b.fence(), second.transactionOp().create().forPath("/written-by-b"));
    }

    @Test
    void anInstanceThatIsNotLeaderHasNoFence() {
        LeaderElection follower = new LeaderElection(client(), paths, "idle", () -> { }, callbacks);

        assertThatThrownBy(follower::fence).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not lead");
    }
}
