package io.cronshard.internal.lifecycle;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.config.JobConfigurationJson;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.ReshardingFlag;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@link JobConfigurationAPI} on ZooKeeper. */
final class JobConfigurationAPIImpl extends RegistryBackedAPI implements JobConfigurationAPI {

    /**
     * @param regCenter an initialised registry center
     * @param owned whether {@link #close()} closes it
     */
    public JobConfigurationAPIImpl(CoordinatorRegistryCenter regCenter, boolean owned) {
        super(regCenter, owned);
    }

    @Override
    public JobConfiguration getJobConfiguration(String jobName) {
        String json = regCenter.get(new JobNodePaths(jobName).full(JobNodePaths.CONFIG));
        return json == null ? null : JobConfigurationJson.fromJson(jobName, json);
    }

    @Override
    public void updateJobConfiguration(JobConfiguration jobConfiguration) {
        Objects.requireNonNull(jobConfiguration, "jobConfiguration");
        JobNodePaths paths = new JobNodePaths(jobConfiguration.getJobName());
        byte[] json = JobConfigurationJson.toJson(jobConfiguration).getBytes(StandardCharsets.UTF_8);
        CuratorFramework client = client();
        String configPath = paths.full(JobNodePaths.CONFIG);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Stat stat = client.checkExists().forPath(configPath);
                if (stat == null) {
                    try {
                        client.create().creatingParentsIfNeeded().forPath(configPath, json);
                        return;
                    } catch (KeeperException.NodeExistsException raced) {
                        continue;
                    }
                }
                JobConfiguration stored = JobConfigurationJson.fromJson(jobConfiguration.getJobName(),
                        new String(client.getData().forPath(configPath), StandardCharsets.UTF_8));
                boolean reshard = stored.getShardingTotalCount() != jobConfiguration.getShardingTotalCount();
                try {
                    if (reshard) {
                        java.util.List<org.apache.curator.framework.api.transaction.CuratorOp> ops = new java.util.ArrayList<>();
                        ops.add(client.transactionOp().setData().withVersion(stat.getVersion()).forPath(configPath, json));
                        ops.addAll(ReshardingFlag.raise(client, paths, ReshardingFlag.read(client, paths)));
                        client.transaction().forOperations(ops);
                    } else {
                        client.setData().withVersion(stat.getVersion()).forPath(configPath, json);
                    }
                    return;
                } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException | KeeperException.NoNodeException raced) {
                    // someone else changed it meanwhile: read again
                }
            }
            throw new RegistryCenterException("The configuration of job '" + jobConfiguration.getJobName()
                    + "' kept changing while it was updated; try again");
        } catch (RegistryCenterException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot update the configuration of job '" + jobConfiguration.getJobName() + "'", ex);
        }
    }

    @Override
    public void removeJobConfiguration(String jobName) {
        regCenter.remove(new JobNodePaths(jobName).full(JobNodePaths.CONFIG));
    }
}
