package io.cronshard.internal.storage;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * {@code leader/sharding/necessary}: a re-split is due. Whoever changes what the split depends on
 * (an instance joining or leaving, an operator) raises it: creates it, or, when it stands already,
 * writes it again so that its version changes. The leader removes it, with the split, at the
 * version it has seen; a leader whose view of the instances is a step behind a raise therefore
 * cannot clear it, and splits again once its view has caught up. While it stands, no instance
 * starts a fire (or a one-off run).
 */
public final class ReshardingFlag {

    private static final byte[] EMPTY = new byte[0];

    private ReshardingFlag() {
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param standing whether the flag stands now (as last read)
     * @return the transaction operation that raises it
     * @throws Exception when the operation cannot be built
     */
    public static CuratorOp raise(CuratorFramework client, JobNodePaths paths, boolean standing) throws Exception {
        String path = paths.full(JobNodePaths.SHARDING_NECESSARY);
        return standing ? client.transactionOp().setData().forPath(path, EMPTY) : client.transactionOp().create().forPath(path, EMPTY);
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
                client.create().creatingParentsIfNeeded().forPath(path, EMPTY);
                return;
            } catch (KeeperException.NodeExistsException standing) {
                try {
                    client.setData().forPath(path, EMPTY);
                    return;
                } catch (KeeperException.NoNodeException clearedMeanwhile) {
                    // the leader cleared it between the two: raise it again
                }
            }
        }
    }
}
