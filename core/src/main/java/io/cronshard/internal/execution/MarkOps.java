package io.cronshard.internal.execution;

import io.cronshard.internal.job.JobScope;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

import java.util.List;

/**
 * The transactions that start and claim items, sent through the raw ZooKeeper handle: Curator's
 * transaction results leave out the {@code Stat} of created nodes, and the zxid of the node that
 * marks a start is the item's fencing token. One multi-op request each, as with Curator; a
 * connection loss is not retried (nothing starts while the connection is in doubt).
 */
final class MarkOps {

    private final JobScope scope;
    private volatile List<ACL> acl;

    MarkOps(JobScope scope) {
        this.scope = scope;
    }

    /** @return an op creating an ephemeral node whose result carries its {@code Stat} (create2) */
    Op createEphemeral(String relative, byte[] data) {
        String path = scope.paths().full(relative);
        return Op.create(fix(path), data,
                CreateOptions.newBuilder(acl(), CreateMode.EPHEMERAL).build());
    }

    /**
     * The ACL for marks: the one Curator gave the job's root (open, or the creator's with a
     * digest), read once at the first mark; Curator's ACL provider is not reachable from here.
     */
    private List<ACL> acl() {
        List<ACL> result = acl;
        if (result == null) {
            try {
                result = scope.client().getACL().forPath(scope.paths().root());
            } catch (Exception ex) {
                throw new IllegalStateException("Cannot read the ACL of job '" + scope.jobName() + "'", ex);
            }
            acl = result;
        }
        return result;
    }

    Op check(String relative, int version) {
        return Op.check(fix(scope.paths().full(relative)), version);
    }

    Op delete(String relative, int version) {
        return Op.delete(fix(scope.paths().full(relative)), version);
    }

    /**
     * @return the handle of the current session. A fire starts and ends its marks through the
     *         handle it started with: once that session is gone, the handle refuses
     *         ({@code SESSIONEXPIRED}) instead of deleting, under a newer session, marks the old
     *         session's expiry must take with it
     * @throws Exception when the client is closed
     */
    ZooKeeper handle() throws Exception {
        return scope.client().getZookeeperClient().getZooKeeper();
    }

    /**
     * @param handle the session to act in
     * @param ops the operations, applied all or none
     * @return their results
     * @throws KeeperException when one failed (its results say which), the session is gone, or the connection is in doubt
     * @throws InterruptedException when interrupted
     */
    List<OpResult> run(ZooKeeper handle, List<Op> ops) throws KeeperException, InterruptedException {
        return handle.multi(ops);
    }

    /**
     * @param result a result of {@link #createEphemeral}
     * @return the zxid that created the node
     */
    static long createdZxid(OpResult result) {
        if (result instanceof OpResult.CreateResult && ((OpResult.CreateResult) result).getStat() != null) {
            return ((OpResult.CreateResult) result).getStat().getCzxid();
        }
        return 0L;
    }

    private String fix(String path) {
        return ZKPaths.fixForNamespace(scope.client().getNamespace(), path);
    }
}
