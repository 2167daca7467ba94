package io.cronshard.internal.lifecycle;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.lifecycle.ShardingOperateAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.zookeeper.KeeperException;

/** Disables and enables single items through their {@code sharding/{item}/disabled} nodes. */
final class ShardingOperateAPIImpl extends RegistryBackedAPI implements ShardingOperateAPI {

    /**
     * @param regCenter an initialised registry center
     * @param owned whether {@link #close()} closes it
     */
    public ShardingOperateAPIImpl(CoordinatorRegistryCenter regCenter, boolean owned) {
        super(regCenter, owned);
    }

    @Override
    public void disable(String jobName, int item) {
        String path = new JobNodePaths(jobName).full(JobNodePaths.itemDisabled(item));
        try {
            client().create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException already) {
            // already disabled
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot disable item " + item + " of job '" + jobName + "'", ex);
        }
    }

    @Override
    public void enable(String jobName, int item) {
        String path = new JobNodePaths(jobName).full(JobNodePaths.itemDisabled(item));
        try {
            client().delete().forPath(path);
        } catch (KeeperException.NoNodeException already) {
            // already enabled
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot enable item " + item + " of job '" + jobName + "'", ex);
        }
    }
}
