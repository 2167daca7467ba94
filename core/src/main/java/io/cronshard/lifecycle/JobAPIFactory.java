package io.cronshard.lifecycle;

import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

import java.util.ServiceLoader;

/**
 * Creates the operations APIs over a namespace, without any job running in the calling JVM.
 * Each {@code create…(serverLists, namespace, digest)} opens its own registry center; close it
 * with {@link AutoCloseable#close()} on the returned API when the API implements it, or pass a
 * registry center you manage to the overloads.
 */
public final class JobAPIFactory {

    private static final OperationsAPIProvider PROVIDER = ServiceLoader.load(OperationsAPIProvider.class, JobAPIFactory.class.getClassLoader())
            .findFirst().orElseThrow(() -> new IllegalStateException("Cronshard's operations APIs are missing from its class path"));

    private JobAPIFactory() {
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the operations API
     */
    public static JobOperateAPI createJobOperateAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.jobOperateAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the operations API
     */
    public static JobOperateAPI createJobOperateAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.jobOperateAPI(regCenter, false);
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the configuration API
     */
    public static JobConfigurationAPI createJobConfigurationAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.jobConfigurationAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the configuration API
     */
    public static JobConfigurationAPI createJobConfigurationAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.jobConfigurationAPI(regCenter, false);
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the job statistics API
     */
    public static JobStatisticsAPI createJobStatisticsAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.jobStatisticsAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the job statistics API
     */
    public static JobStatisticsAPI createJobStatisticsAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.jobStatisticsAPI(regCenter, false);
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the server statistics API
     */
    public static ServerStatisticsAPI createServerStatisticsAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.serverStatisticsAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the server statistics API
     */
    public static ServerStatisticsAPI createServerStatisticsAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.serverStatisticsAPI(regCenter, false);
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the sharding statistics API
     */
    public static ShardingStatisticsAPI createShardingStatisticsAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.shardingStatisticsAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the sharding statistics API
     */
    public static ShardingStatisticsAPI createShardingStatisticsAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.shardingStatisticsAPI(regCenter, false);
    }

    /**
     * @param serverLists ZooKeeper servers, "host:port,…"
     * @param namespace the registry's namespace
     * @param digest "user:password" or null
     * @return the sharding operations API
     */
    public static ShardingOperateAPI createShardingOperateAPI(String serverLists, String namespace, String digest) {
        return PROVIDER.shardingOperateAPI(connect(serverLists, namespace, digest), true);
    }

    /**
     * @param regCenter an initialised registry center the caller keeps and closes
     * @return the sharding operations API
     */
    public static ShardingOperateAPI createShardingOperateAPI(CoordinatorRegistryCenter regCenter) {
        return PROVIDER.shardingOperateAPI(regCenter, false);
    }

    private static CoordinatorRegistryCenter connect(String serverLists, String namespace, String digest) {
        ZookeeperConfiguration config = new ZookeeperConfiguration(serverLists, namespace);
        config.setDigest(digest);
        ZookeeperRegistryCenter result = new ZookeeperRegistryCenter(config);
        result.init();
        return result;
    }
}
