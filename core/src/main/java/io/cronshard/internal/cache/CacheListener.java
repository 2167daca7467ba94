package io.cronshard.internal.cache;

/** Receives the changes of the paths it subscribed to, in order, on the ZooKeeper event thread; must return quickly. */
public interface CacheListener {

    /**
     * @param type what happened
     * @param relativePath the node, relative to the job root
     * @param node the node now, or for {@code DELETED} the node as it was cached (data null for existence-only nodes)
     * @param zxid the ZooKeeper transaction that made the change, or -1 when the change was found by a full
     *             reload (after a new session) rather than a watch event. Nodes deleted together by one
     *             transaction (e.g. all ephemeral nodes of an expired session) share it.
     */
    void nodeChanged(ChangeType type, String relativePath, CachedNode node, long zxid);

    /** Called after every full reload has been applied. */
    default void reloaded() {
    }
}
