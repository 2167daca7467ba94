package io.cronshard.internal.lifecycle;

import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.OperationsAPIProvider;
import io.cronshard.lifecycle.ServerStatisticsAPI;
import io.cronshard.lifecycle.ShardingOperateAPI;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;

/** The operations APIs on ZooKeeper, as {@code JobAPIFactory} finds them. */
public final class ZookeeperOperationsAPIs implements OperationsAPIProvider {

    @Override
    public JobOperateAPI jobOperateAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new JobOperateAPIImpl(regCenter, owned);
    }

    @Override
    public JobConfigurationAPI jobConfigurationAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new JobConfigurationAPIImpl(regCenter, owned);
    }

    @Override
    public JobStatisticsAPI jobStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new StatisticsAPIImpl(regCenter, owned);
    }

    @Override
    public ServerStatisticsAPI serverStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new StatisticsAPIImpl(regCenter, owned);
    }

    @Override
    public ShardingStatisticsAPI shardingStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new StatisticsAPIImpl(regCenter, owned);
    }

    @Override
    public ShardingOperateAPI shardingOperateAPI(CoordinatorRegistryCenter regCenter, boolean owned) {
        return new ShardingOperateAPIImpl(regCenter, owned);
    }
}
