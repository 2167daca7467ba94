package io.cronshard.internal.election;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The election of one job's leader against a real ZooKeeper. */
class LeaderElectionTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        callbacks.shutdownNow();
        ZOOKEEPER.closeClients();
    }

    @Test
    void oneOfTwoLeadsAnnouncesItselfAndHandsOverWhenItLeaves() throws Exception {
        String namespace = ZOOKEEPER.uniqueNamespace("election");
        JobNodePaths paths = new JobNodePaths("job");
        CuratorFramework first = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        CuratorFramework second = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        AtomicInteger firstLed = new AtomicInteger();
        AtomicInteger secondLed = new AtomicInteger();
        LeaderElection a = new LeaderElection(first, paths, "a", firstLed::incrementAndGet, callbacks);
        LeaderElection b = new LeaderElection(second, paths, "b", secondLed::incrementAndGet, callbacks);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        b.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> "a".equals(announced(first, paths)));
        assertThat(b.isLeader()).isFalse();
        assertThat(firstLed).hasValue(1);
        assertThat(a.latchNodePath()).startsWith(paths.full(JobNodePaths.ELECTION_LATCH));

        a.close();
        await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
        await().atMost(Duration.ofSeconds(10)).until(() -> "b".equals(announced(second, paths)));
        assertThat(secondLed).hasValue(1);
        b.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.checkExists().forPath(paths.full(JobNodePaths.ELECTION_INSTANCE)) == null);
    }

    private static String announced(CuratorFramework client, JobNodePaths paths) throws Exception {
        return client.checkExists().forPath(paths.full(JobNodePaths.ELECTION_INSTANCE)) == null ? null
                : new String(client.getData().forPath(paths.full(JobNodePaths.ELECTION_INSTANCE)), StandardCharsets.UTF_8);
    }
}
