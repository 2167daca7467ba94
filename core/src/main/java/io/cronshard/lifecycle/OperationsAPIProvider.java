package io.cronshard.lifecycle;

import io.cronshard.reg.CoordinatorRegistryCenter;

/**
 * Creates the operations APIs over a registry center. Cronshard provides the one implementation,
 * found by {@link JobAPIFactory} through {@link java.util.ServiceLoader}, so that this API does not
 * depend on the package that implements it. Applications use {@link JobAPIFactory}; they do not
 * implement this.
 */
public interface OperationsAPIProvider {

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    JobOperateAPI jobOperateAPI(CoordinatorRegistryCenter regCenter, boolean owned);

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    JobConfigurationAPI jobConfigurationAPI(CoordinatorRegistryCenter regCenter, boolean owned);

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    JobStatisticsAPI jobStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned);

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    ServerStatisticsAPI serverStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned);

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    ShardingStatisticsAPI shardingStatisticsAPI(CoordinatorRegistryCenter regCenter, boolean owned);

    /**
     * @param regCenter an initialised registry center
     * @param owned whether the API closes the registry center when it is closed
     * @return the API
     */
    ShardingOperateAPI shardingOperateAPI(CoordinatorRegistryCenter regCenter, boolean owned);
}
