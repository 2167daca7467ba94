package io.cronshard.internal.job;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.ACL;

import java.util.List;

/**
 * Where one instance of one job lives: its name, its instance id, its node paths, the ZooKeeper
 * client and its cache of the job's subtree. Built once per instance by {@link JobCoordinator}
 * and passed to each piece.
 *
 * @param jobName the job
 * @param instanceId this instance's id
 * @param paths the job's node paths
 * @param client the registry's client (namespace applied)
 * @param cache the job's subtree cache
 * @param acl the ACL of the job's nodes (the registry's: open, or its creator's with a digest), for
 *            nodes created outside Curator's builders
 */
public record JobScope(String jobName, String instanceId, JobNodePaths paths, CuratorFramework client, JobTreeCache cache, List<ACL> acl) {

    /**
     * @param item a sharding item
     * @return whether the cache shows this instance as the item's owner
     */
    public boolean ownsItem(int item) {
        return instanceId.equals(cache.getData(JobNodePaths.itemInstance(item)));
    }
}
