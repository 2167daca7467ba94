package io.cronshard.internal.instance;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;

/**
 * Where one instance of one job lives: its name, its instance id, its node paths, the ZooKeeper
 * client and its cache of the job's subtree. Built once per instance by the job's runtime
 * and passed to each piece.
 *
 * @param jobName the job
 * @param instanceId this instance's id
 * @param paths the job's node paths
 * @param client the registry's client (namespace applied)
 * @param cache the job's subtree cache
 */
public record JobScope(String jobName, String instanceId, JobNodePaths paths, CuratorFramework client, JobTreeCache cache) {

    /**
     * @param item a sharding item
     * @return whether the cache shows this instance as the item's owner
     */
    public boolean ownsItem(int item) {
        return instanceId.equals(cache.getData(JobNodePaths.itemInstance(item)));
    }
}
