package io.cronshard.internal.execution;

import io.cronshard.api.ItemCheckpoint;
import io.cronshard.internal.storage.CheckpointNode;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The checkpoint of one item's execution (all its tries), in ZooKeeper at
 * {@code sharding/{item}/checkpoint}: read the first time the body asks for it, written
 * synchronously when the body saves one, always through the session the execution started in and
 * together with a check of its {@link Fence} — the node that proves the item is still this
 * execution's — so that a save by an owner that lost the item (re-split, failed over, session
 * gone) is refused and never overwrites the new owner's checkpoint. Costs nothing for a body that
 * never asks.
 */
final class FencedCheckpoint implements ItemCheckpoint {

    /**
     * The node that proves an execution still owns its item.
     *
     * @param path the node, relative to the job
     * @param version the version it must have, -1 for any (an ephemeral mark of this execution's session)
     */
    record Fence(String path, int version) {
    }

    private final MarkOps ops;
    private final ZooKeeper handle;
    private final String jobName;
    private final String instanceId;
    private final int item;
    private final long token;
    private final Fence fence;
    private final BooleanSupplier stillOwned;
    private boolean loaded;
    private boolean exists;
    private String value;

    FencedCheckpoint(MarkOps ops, ZooKeeper handle, String jobName, String instanceId, int item, long token, Fence fence,
                     BooleanSupplier stillOwned) {
        this.ops = ops;
        this.handle = handle;
        this.jobName = jobName;
        this.instanceId = instanceId;
        this.item = item;
        this.token = token;
        this.fence = fence;
        this.stillOwned = stillOwned;
    }

    @Override
    public synchronized String load() {
        if (!loaded) {
            try {
                CheckpointNode stored = CheckpointNode.fromBytes(handle.getData(ops.path(JobNodePaths.itemCheckpoint(item)), false, null));
                value = stored == null ? null : stored.checkpoint();
                exists = true;
            } catch (KeeperException.NoNodeException ex) {
                value = null;
                exists = false;
            } catch (KeeperException ex) {
                throw new IllegalStateException(subject() + " cannot be read now: " + ex.code(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(subject() + " cannot be read: interrupted", ex);
            }
            loaded = true;
        }
        return value;
    }

    @Override
    public synchronized void save(String checkpoint) {
        if (!stillOwned.getAsBoolean()) {
            throw refused("this instance no longer owns the item (re-split, disabled, shutting down or out of contact with ZooKeeper)");
        }
        byte[] data = new CheckpointNode(checkpoint, instanceId, token, System.currentTimeMillis()).toBytes();
        String path = JobNodePaths.itemCheckpoint(item);
        Op guard = ops.check(fence.path(), fence.version());
        for (int attempt = 0; attempt < 3; attempt++) {
            Op write = exists || !loaded ? ops.setData(path, data, -1) : ops.createPersistent(path, data);
            try {
                handle.multi(List.of(guard, write));
                value = checkpoint;
                exists = true;
                loaded = true;
                return;
            } catch (KeeperException ex) {
                List<OpResult> results = ex.getResults();
                if (results == null || results.size() < 2) {
                    throw new IllegalStateException(subject() + " was not saved: " + describe(ex.code()), ex);
                }
                if (failed(results.get(0))) {
                    throw refused("the item changed hands (" + ex.code() + " on " + fence.path() + ")");
                }
                int writeError = ((OpResult.ErrorResult) results.get(1)).getErr();
                if (writeError == KeeperException.Code.NONODE.intValue()) {
                    exists = false;
                    loaded = true;
                } else if (writeError == KeeperException.Code.NODEEXISTS.intValue()) {
                    exists = true;
                } else {
                    throw new IllegalStateException(subject() + " was not saved: " + KeeperException.Code.get(writeError), ex);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(subject() + " was not saved: interrupted", ex);
            }
        }
        throw new IllegalStateException(subject() + " was not saved: it was created and deleted meanwhile, again and again");
    }

    /** @return whether the checkpoint node is known to exist: read or saved by this execution */
    synchronized boolean knownToExist() {
        return loaded && exists;
    }

    /** @return the fence of this execution */
    Fence fence() {
        return fence;
    }

    private static boolean failed(OpResult result) {
        return result instanceof OpResult.ErrorResult error && error.getErr() != KeeperException.Code.OK.intValue()
                && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue();
    }

    private IllegalStateException refused(String why) {
        return new IllegalStateException(subject() + " was refused: " + why + "; the checkpoint stored before stays");
    }

    private static String describe(KeeperException.Code code) {
        return code == KeeperException.Code.SESSIONEXPIRED
                ? "the session this execution started in has expired (the item may run elsewhere now)"
                : code + " (no contact with ZooKeeper?)";
    }

    private String subject() {
        return "The checkpoint of job '" + jobName + "' item " + item;
    }
}
