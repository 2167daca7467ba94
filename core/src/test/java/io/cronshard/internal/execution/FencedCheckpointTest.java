package io.cronshard.internal.execution;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.CheckpointNode;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fence of a checkpoint against a real ZooKeeper: a save by an execution that lost its item never lands. */
class FencedCheckpointTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private static final String INSTANCE = "10.0.0.1@-@1";

    private final JobNodePaths paths = new JobNodePaths("job");
    private CuratorFramework client;
    private CuratorFramework reader;
    private MarkOps ops;

    @BeforeEach
    void setUp() throws Exception {
        String namespace = ZOOKEEPER.uniqueNamespace("fenced-checkpoint");
        client = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        reader = (CuratorFramework) ZOOKEEPER.newRegistryCenter(namespace).getRawClient();
        client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.itemInstance(0)), INSTANCE.getBytes(StandardCharsets.UTF_8));
        ops = new MarkOps(new JobScope("job", INSTANCE, paths, client, new JobTreeCache(client, paths)));
    }

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    private ZooKeeper handle() throws Exception {
        return client.getZookeeperClient().getZooKeeper();
    }

    private FencedCheckpoint checkpoint(ZooKeeper handle, FencedCheckpoint.Fence fence) {
        return new FencedCheckpoint(ops, handle, "job", INSTANCE, 0, 42L, fence, () -> true);
    }

    private String stored() throws Exception {
        return CheckpointNode.fromBytes(reader.getData().forPath(paths.full(JobNodePaths.itemCheckpoint(0)))).checkpoint();
    }

    @Test
    void anOwnerSavesCreatesThenOverwritesAndReadsItsOwnValue() throws Exception {
        client.create().withMode(CreateMode.EPHEMERAL).forPath(paths.full(JobNodePaths.itemRunning(0)));
        FencedCheckpoint checkpoint = checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemRunning(0), -1));
        assertThat(checkpoint.load()).isNull();
        assertThat(checkpoint.knownToExist()).isFalse();

        checkpoint.save("1");
        checkpoint.save("2");

        assertThat(checkpoint.load()).isEqualTo("2");
        assertThat(checkpoint.knownToExist()).isTrue();
        assertThat(stored()).isEqualTo("2");
        CheckpointNode node = CheckpointNode.fromBytes(client.getData().forPath(paths.full(JobNodePaths.itemCheckpoint(0))));
        assertThat(node.instanceId()).isEqualTo(INSTANCE);
        assertThat(node.token()).isEqualTo(42L);
    }

    @Test
    void aSaveWithoutReadingFirstFindsAnExistingNode() throws Exception {
        client.create().forPath(paths.full(JobNodePaths.itemCheckpoint(0)), new CheckpointNode("old", "", 0L, 0L).toBytes());

        checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemInstance(0), 0)).save("new");

        assertThat(stored()).isEqualTo("new");
    }

    @Test
    void aSaveAfterTheItemChangedHandsIsRefusedAndLeavesTheNewOwnersCheckpoint() throws Exception {
        FencedCheckpoint zombie = checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemInstance(0), 0));
        zombie.save("mine");
        // re-split: the item's owner node is written again
        client.setData().forPath(paths.full(JobNodePaths.itemInstance(0)), "10.0.0.2@-@1".getBytes(StandardCharsets.UTF_8));
        checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemInstance(0), 1)).save("the new owner's");

        assertThatThrownBy(() -> zombie.save("stale"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checkpoint of job 'job' item 0 was refused").hasMessageContaining("changed hands");
        assertThat(stored()).isEqualTo("the new owner's");
    }

    @Test
    void aSaveWithoutItsRunningMarkIsRefused() throws Exception {
        FencedCheckpoint checkpoint = checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemRunning(0), -1));

        assertThatThrownBy(() -> checkpoint.save("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
        assertThat(client.checkExists().forPath(paths.full(JobNodePaths.itemCheckpoint(0)))).isNull();
    }

    @Test
    void aSaveThroughAnExpiredSessionIsRefused() throws Exception {
        FencedCheckpoint checkpoint = checkpoint(handle(), new FencedCheckpoint.Fence(JobNodePaths.itemInstance(0), 0));
        checkpoint.save("before");
        ZooKeeper old = handle();
        old.close();

        assertThatThrownBy(() -> checkpoint.save("after")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checkpoint of job 'job' item 0");
        assertThat(stored()).isEqualTo("before");
    }

    @Test
    void anExecutionThatNoLongerOwnsItsItemIsRefusedWithoutAsking() throws Exception {
        FencedCheckpoint checkpoint = new FencedCheckpoint(ops, handle(), "job", INSTANCE, 0, 42L,
                new FencedCheckpoint.Fence(JobNodePaths.itemInstance(0), 0), () -> false);

        assertThatThrownBy(() -> checkpoint.save("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer owns");
    }
}
