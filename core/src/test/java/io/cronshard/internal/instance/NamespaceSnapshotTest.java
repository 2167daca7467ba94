package io.cronshard.internal.instance;

import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The namespace read once for a burst of starts, and read again after a change. */
class NamespaceSnapshotTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private CuratorFramework client;
    private CuratorFramework other;
    private final AtomicLong clock = new AtomicLong(1_000_000L);

    @BeforeEach
    void setUp() throws Exception {
        String namespace = ZOOKEEPER.uniqueNamespace("snapshot");
        client = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        other = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        other.create().creatingParentsIfNeeded().forPath("/existing/config");
    }

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    @Test
    void aJobTheNamespaceLacksIsNewOnceAndAnExistingOneNever() throws Exception {
        NamespaceSnapshot snapshot = new NamespaceSnapshot(client, clock::get);

        assertThat(snapshot.claimNew("fresh")).isTrue();
        assertThat(snapshot.claimNew("fresh")).as("a second instance of the same job reads its subtree").isFalse();
        assertThat(snapshot.claimNew("existing")).isFalse();
    }

    @Test
    void aJobCreatedByAnotherClientIsSeenAtTheNextStart() throws Exception {
        NamespaceSnapshot snapshot = new NamespaceSnapshot(client, clock::get);
        assertThat(snapshot.claimNew("a")).isTrue();

        other.create().creatingParentsIfNeeded().forPath("/b/config");

        await().atMost(Duration.ofSeconds(10)).until(() -> !snapshot.claimNew("b"));
    }

    @Test
    void aStartAfterAPauseSeesAJobCreatedJustBefore() throws Exception {
        NamespaceSnapshot snapshot = new NamespaceSnapshot(client, clock::get);
        assertThat(snapshot.claimNew("a")).isTrue();
        clock.addAndGet(NamespaceSnapshot.BURST_GAP_MILLIS + 1);

        other.create().creatingParentsIfNeeded().forPath("/b/config");

        assertThat(snapshot.claimNew("b")).as("read again at once, not when the watch's listing lands").isFalse();
    }

    @Test
    void anOldSnapshotIsReadAgain() throws Exception {
        NamespaceSnapshot snapshot = new NamespaceSnapshot(client, clock::get);
        assertThat(snapshot.claimNew("a")).isTrue();
        client.delete().forPath("/existing/config");
        client.delete().forPath("/existing");
        client.create().forPath("/late");
        // the watch dropped the snapshot; without it, age alone would
        clock.addAndGet(NamespaceSnapshot.FRESH_MILLIS + 1);

        assertThat(snapshot.claimNew("late")).isFalse();
        assertThat(snapshot.claimNew("existing")).isTrue();
    }

    @Test
    void aNamespaceThatDoesNotExistYetHoldsNoJob() throws Exception {
        CuratorFramework empty = (CuratorFramework) ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("snapshot-empty")).getRawClient();
        NamespaceSnapshot snapshot = new NamespaceSnapshot(empty, clock::get);

        assertThat(snapshot.claimNew("first")).isTrue();
    }
}
