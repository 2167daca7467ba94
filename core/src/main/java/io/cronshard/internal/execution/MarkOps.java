package io.cronshard.internal.execution;

import io.cronshard.internal.instance.JobScope;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.CreateOptions;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

import java.util.List;

/**
 * The ZooKeeper operations that mark items, for the raw ZooKeeper handle: Curator's transaction
 * results leave out the {@code Stat} of created nodes, and the zxid of the node that marks a start
 * is the item's fencing token. Paths are the job's, with the registry's namespace.
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
     * Reads the ACL for marks: the one Curator gave the job's root (open, or the creator's with a
     * digest); Curator's ACL provider is not reachable from here. Call once the instance is
     * registered, off the fire path, so that no fire waits for it.
     *
     * @throws Exception when it cannot be read
     */
    void loadAcl() throws Exception {
        acl = scope.client().getACL().forPath(scope.paths().root());
    }

    private List<ACL> acl() {
        List<ACL> result = acl;
        if (result == null) {
            try {
                loadAcl();
            } catch (Exception ex) {
                throw new IllegalStateException("Cannot read the ACL of job '" + scope.jobName() + "'", ex);
            }
            result = acl;
        }
        return result;
    }

    /** @return an op creating a persistent node (a checkpoint) with the marks' ACL */
    Op createPersistent(String relative, byte[] data) {
        return Op.create(path(relative), data, acl(), CreateMode.PERSISTENT);
    }

    Op setData(String relative, byte[] data, int version) {
        return Op.setData(path(relative), data, version);
    }

    /** @return the path of a job node on the raw handle: with the registry's namespace */
    String path(String relative) {
        return fix(scope.paths().full(relative));
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
