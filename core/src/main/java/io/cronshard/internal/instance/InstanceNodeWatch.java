package io.cronshard.internal.instance;

import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.storage.JobNodePaths;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Follows this instance's own {@code instances/{id}} node: an operation an operator wrote on it
 * ({@code TRIGGER}: run the job here now; {@code DUMP}: answer with this instance's dump), its
 * deletion by an operator (the instance shuts down), and the end of a previous session of this
 * instance (the instance registers again under the current one).
 */
public final class InstanceNodeWatch implements CacheListener {

    /** What this instance does about its node. */
    public interface Reactions {

        /** An operator asked this instance to run the job now. */
        void trigger();

        /** An operator asked for this instance's dump. */
        void dump();

        /** An operator deleted this instance's node while it was connected. */
        void removedByOperator();

        /** The node of a previous session of this instance is gone: the current one can register. */
        void previousSessionGone();
    }

    private final String path;
    private final InstanceRegistration registration;
    private final LongSupplier currentSession;
    private final BooleanSupplier connected;
    private final Executor coordination;
    private final Reactions reactions;

    /**
     * @param registration this instance's registration (its id is known)
     * @param currentSession the id of this instance's ZooKeeper session now
     * @param connected whether this instance is in contact with ZooKeeper
     * @param coordination the job's serial coordination executor
     * @param reactions what to do
     */
    public InstanceNodeWatch(InstanceRegistration registration, LongSupplier currentSession, BooleanSupplier connected, Executor coordination,
                             Reactions reactions) {
        this.path = JobNodePaths.instance(registration.getInstanceId());
        this.registration = registration;
        this.currentSession = currentSession;
        this.connected = connected;
        this.coordination = coordination;
        this.reactions = reactions;
    }

    /**
     * @param relative a cache path
     * @return whether it is this instance's node
     */
    public boolean follows(String relative) {
        return relative.equals(path);
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type == ChangeType.DELETED) {
            boolean ours = node.getStat() != null && node.getStat().getEphemeralOwner() == currentSession.getAsLong();
            if (!ours && !connected.getAsBoolean()) {
                // the previous session has expired at last: register under the current one
                coordination.execute(reactions::previousSessionGone);
            } else if (ours && zxid > 0 && connected.getAsBoolean()) {
                reactions.removedByOperator();
            }
            return;
        }
        String operation = node.getData();
        if (JobNodePaths.TRIGGER.equals(operation) || JobNodePaths.DUMP.equals(operation)) {
            int version = node.version();
            coordination.execute(() -> {
                registration.clearOperation(version);
                if (JobNodePaths.TRIGGER.equals(operation)) {
                    reactions.trigger();
                } else {
                    reactions.dump();
                }
            });
        }
    }
}
