package io.cronshard.internal.storage;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.util.List;

/**
 * {@code leader/sharding/necessary}: a re-split is due. Whoever changes what the split depends on
 * (an instance joining or leaving, an operator) raises it: creates it, or, when it stands already,
 * writes it again so that its version changes. The leader removes it, with the split, at the
 * version it has seen; a leader whose view of the instances is a step behind a raise therefore
 * cannot clear it, and splits again once its view has caught up. While it stands, no instance
 * starts a fire (or a one-off run).
 *
 * <p>Its folder {@code leader/sharding} exists only while the flag stands: it is created with the
 * flag (as a container node) and deleted with it, so that a settled job carries no empty folder.
 */
public final class ReshardingFlag {

    /** The flag's folder. */
    public static final String FOLDER = "leader/sharding";

    private static final byte[] EMPTY = new byte[0];

    /**
     * Where the flag stands, as last read.
     *
     * @param folder whether {@code leader/sharding} exists
     * @param standing whether the flag exists
     */
    public record State(boolean folder, boolean standing) {
    }

    private ReshardingFlag() {
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @return where the flag stands now (one read)
     * @throws Exception when ZooKeeper cannot be read
     */
    public static State read(CuratorFramework client, JobNodePaths paths) throws Exception {
        try {
            return new State(true, client.getChildren().forPath(paths.full(FOLDER)).contains("necessary"));
        } catch (KeeperException.NoNodeException none) {
            return new State(false, false);
        }
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param state where the flag stands (as last read); a transaction built on a stale state is refused
     * @return the transaction operations that raise it
     * @throws Exception when an operation cannot be built
     */
    public static List<CuratorOp> raise(CuratorFramework client, JobNodePaths paths, State state) throws Exception {
        String path = paths.full(JobNodePaths.SHARDING_NECESSARY);
        if (state.standing()) {
            return List.of(client.transactionOp().setData().forPath(path, EMPTY));
        }
        CuratorOp flag = client.transactionOp().create().forPath(path, EMPTY);
        return state.folder() ? List.of(flag)
                : List.of(client.transactionOp().create().withMode(CreateMode.CONTAINER).forPath(paths.full(FOLDER), EMPTY), flag);
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param version the version of the flag the leader has seen
     * @return the operations that clear the flag at that version, and its folder
     * @throws Exception when an operation cannot be built
     */
    public static List<CuratorOp> clear(CuratorFramework client, JobNodePaths paths, int version) throws Exception {
        return List.of(client.transactionOp().delete().withVersion(version).forPath(paths.full(JobNodePaths.SHARDING_NECESSARY)),
                client.transactionOp().delete().forPath(paths.full(FOLDER)));
    }

    /**
     * Raises the flag now, on its own.
     *
     * @param client the registry's client
     * @param paths the job's paths
     * @throws Exception when ZooKeeper cannot be written
     */
    public static void raise(CuratorFramework client, JobNodePaths paths) throws Exception {
        String path = paths.full(JobNodePaths.SHARDING_NECESSARY);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                client.create().creatingParentContainersIfNeeded().forPath(path, EMPTY);
                return;
            } catch (KeeperException.NodeExistsException standing) {
                try {
                    client.setData().forPath(path, EMPTY);
                    return;
                } catch (KeeperException.NoNodeException clearedMeanwhile) {
                    // the leader cleared it between the two: raise it again
                }
            } catch (KeeperException.NoNodeException folderClearedMeanwhile) {
                // the leader deleted the folder while it was being created: again
            }
        }
    }
}
