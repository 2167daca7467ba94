package io.cronshard.internal.failover;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The leader's failover queue against a real ZooKeeper: entries name survivors, and are re-named when those go. */
class FailoverQueueTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
    private CuratorFramework client;
    private JobTreeCache cache;
    private LeaderElection election;
    private FailoverQueue queue;
    private final JobNodePaths paths = new JobNodePaths("job");

    @BeforeEach
    void setUp() throws Exception {
        client = (CuratorFramework) ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("failover-queue")).getRawClient();
        client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.CONFIG), "{}".getBytes(StandardCharsets.UTF_8));
        client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.ELECTION));
        for (String instance : List.of("10.0.0.1@-@1", "10.0.0.2@-@1")) {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(paths.full(JobNodePaths.instance(instance)));
        }
        cache = new JobTreeCache(client, paths);
        election = new LeaderElection(client, paths, "10.0.0.1@-@1", () -> { }, callbacks);
        queue = new FailoverQueue(new JobScope("job", "10.0.0.1@-@1", paths, client, cache), election);
        cache.start();
        election.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.isLoaded() && election.isLeader());
    }

    @AfterEach
    void tearDown() throws Exception {
        election.close();
        cache.close();
        callbacks.shutdownNow();
        ZOOKEEPER.closeClients();
    }

    private String entry(int item) throws Exception {
        return new String(client.getData().forPath(paths.full(JobNodePaths.failoverEntry(item))), StandardCharsets.UTF_8);
    }

    @Test
    void theLeaderQueuesCrashedItemsSpreadOverTheSurvivors() throws Exception {
        queue.add(Set.of(3, 5));

        assertThat(queue.flush()).isTrue();

        assertThat(List.of(entry(3), entry(5))).containsExactlyInAnyOrder("10.0.0.1@-@1", "10.0.0.2@-@1");
    }

    @Test
    void anEntryNamingAnInstanceThatIsGoneIsGivenToASurvivor() throws Exception {
        client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.failoverEntry(1)), "10.0.0.9@-@1".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.exists(JobNodePaths.failoverEntry(1)));

        assertThat(queue.flush()).isTrue();

        assertThat(entry(1)).isIn("10.0.0.1@-@1", "10.0.0.2@-@1");
    }

    @Test
    void itemsTheLeaderQueuedMeanwhileAreNotQueuedTwice() throws Exception {
        queue.add(Set.of(2));
        client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.failoverEntry(2)), "10.0.0.2@-@1".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.exists(JobNodePaths.failoverEntry(2)));

        assertThat(queue.flush()).isTrue();

        assertThat(client.checkExists().forPath(paths.full(JobNodePaths.failoverEntry(2))).getVersion()).as("not written again").isZero();
    }
}
