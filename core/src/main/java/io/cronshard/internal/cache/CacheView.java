package io.cronshard.internal.cache;

import java.util.List;

/**
 * A read view of one job's subtree, paths relative to the job's root ({@code sharding/3/running}):
 * what every decision reads, so that the decisions can be tested against a map of nodes without
 * ZooKeeper.
 */
public interface CacheView {

    /**
     * @param relative a path relative to the job root
     * @return whether the node exists
     */
    boolean exists(String relative);

    /**
     * @param relative a path relative to the job root
     * @return the cached node, or null
     */
    CachedNode get(String relative);

    /**
     * @param relative a path relative to the job root
     * @return the names of its direct children, in ascending string order
     */
    List<String> getChildren(String relative);

    /**
     * @param relative a path relative to the job root
     * @return the node's data, or null when absent or cached for existence only
     */
    default String getData(String relative) {
        CachedNode node = get(relative);
        return node == null ? null : node.getData();
    }

    /** @return whether the whole subtree has been loaded once */
    boolean isLoaded();

    /**
     * Whether the view holds every change ZooKeeper made up to a zxid. A node's data is read after
     * the event that announced it, so it can be newer than the events applied so far: the
     * resharding flag can show the version an instance's registration raised before that
     * instance's own node is in the view. False while a (re)load is under way: nodes that changed
     * before the watch was added are announced by no event.
     *
     * @param zxid a transaction id, typically a cached node's {@code mzxid}
     * @return whether every change up to it is applied
     */
    boolean isCaughtUpWith(long zxid);
}
