package io.cronshard.internal.cache;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

import java.util.List;

/** A change waiting for its turn: ready at once, or when its read has answered. */
final class Pending {

    final String path;
    final boolean reload;
    long zxid = -1;
    CachedNode node;
    boolean done;
    boolean failed;
    boolean skip;
    boolean listing;
    int generation;
    /** For a catch-up marker: what runs once every change queued before it is applied. */
    Runnable task;

    Pending(String path, boolean reload) {
        this.path = path;
        this.reload = reload;
    }

    static Pending ready(String path, CachedNode node, boolean reload) {
        Pending result = new Pending(path, reload);
        result.node = node;
        result.done = true;
        return result;
    }

    /**
     * Takes the answer of its read: the node's data, or its children, or a missing node (a data
     * read is then skipped), or a failure.
     *
     * @param result the read's answer
     * @return the children a listing returned, none otherwise
     */
    List<String> answer(OpResult result) {
        if (result instanceof OpResult.GetDataResult data) {
            answerData(KeeperException.Code.OK.intValue(), data.getData(), data.getStat());
            return List.of();
        }
        done = true;
        if (result instanceof OpResult.GetChildrenResult children) {
            return children.getChildren();
        }
        int rc = result instanceof OpResult.ErrorResult error ? error.getErr() : KeeperException.Code.SYSTEMERROR.intValue();
        skip = rc == KeeperException.Code.NONODE.intValue() && !listing;
        failed = rc != KeeperException.Code.NONODE.intValue();
        return List.of();
    }

    /**
     * @param rc the data read's result code
     * @param data the data read
     * @param stat its stat
     */
    void answerData(int rc, byte[] data, Stat stat) {
        done = true;
        if (rc == KeeperException.Code.OK.intValue()) {
            node = new CachedNode(data == null ? new byte[0] : data, stat);
        } else if (rc == KeeperException.Code.NONODE.intValue()) {
            skip = true;
        } else {
            failed = true;
        }
    }

    /** @return the {@code mzxid} of the node read, 0 when none was */
    long readZxid() {
        return node == null || node.getStat() == null ? 0 : node.getStat().getMzxid();
    }
}
