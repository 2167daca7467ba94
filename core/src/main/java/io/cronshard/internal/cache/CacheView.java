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
}
