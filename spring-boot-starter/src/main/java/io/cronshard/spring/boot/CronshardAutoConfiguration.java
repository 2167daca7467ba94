package io.cronshard.spring.boot;

import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

/**
 * Cronshard from {@code cronshard.*} properties: a {@link ZookeeperRegistryCenter} (unless the context has its own
 * {@link CoordinatorRegistryCenter}) and a bootstrap bean per {@code cronshard.jobs.<jobName>}; cron jobs are
 * scheduled when the application is ready and shut down when the context closes. What the application runs is also
 * reported: in Micrometer ({@link CronshardMetricsAutoConfiguration}), in the health endpoint
 * ({@link CronshardHealthAutoConfiguration}) and in the {@code cronshard} endpoint ({@link CronshardEndpointAutoConfiguration}).
 */
@AutoConfiguration
@ConditionalOnClass(ScheduleJobBootstrap.class)
@ConditionalOnBooleanProperty(name = "cronshard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CronshardProperties.class)
@Import(JobBootstrapRegistrar.class)
public class CronshardAutoConfiguration {

    /**
     * @param properties {@code cronshard.*}
     * @return the registry center, connected by the context ({@code init}) and closed with it
     */
    @Bean(initMethod = "init", destroyMethod = "close")
    @ConditionalOnMissingBean(CoordinatorRegistryCenter.class)
    public ZookeeperRegistryCenter cronshardRegistryCenter(CronshardProperties properties) {
        CronshardProperties.RegCenter regCenter = properties.getRegCenter();
        if (!StringUtils.hasText(regCenter.getServerLists())) {
            throw new CronshardConfigurationException("Cronshard has no ZooKeeper server list: cronshard.reg-center.server-lists is not set.",
                    "Set cronshard.reg-center.server-lists (e.g. localhost:2181) and cronshard.reg-center.namespace, "
                            + "define a CoordinatorRegistryCenter bean of your own, or turn Cronshard off with cronshard.enabled=false.", null);
        }
        ZookeeperConfiguration config = new ZookeeperConfiguration(regCenter.getServerLists(), regCenter.getNamespace());
        config.setBaseSleepTimeMilliseconds(regCenter.getBaseSleepTimeMilliseconds());
        config.setMaxSleepTimeMilliseconds(regCenter.getMaxSleepTimeMilliseconds());
        config.setMaxRetries(regCenter.getMaxRetries());
        config.setSessionTimeoutMilliseconds(regCenter.getSessionTimeoutMilliseconds());
        config.setConnectionTimeoutMilliseconds(regCenter.getConnectionTimeoutMilliseconds());
        config.setDigest(regCenter.getDigest());
        try {
            return new ZookeeperRegistryCenter(config);
        } catch (IllegalArgumentException ex) {
            throw new CronshardConfigurationException("Invalid Cronshard registry center configuration: " + ex.getMessage(),
                    "Fix the cronshard.reg-center.* property named above.", ex);
        }
    }

    /**
     * @param beanFactory the context's beans
     * @return the jobs of this application, for the health indicator, the endpoint and the gauges
     */
    @Bean
    ApplicationJobs cronshardApplicationJobs(ListableBeanFactory beanFactory) {
        return new ApplicationJobs(beanFactory);
    }

    /**
     * @param beanFactory the context's beans
     * @return the connection states of the context's registry centers
     */
    @Bean
    RegistryConnections cronshardRegistryConnections(ListableBeanFactory beanFactory) {
        return new RegistryConnections(beanFactory.getBeansOfType(CoordinatorRegistryCenter.class));
    }
}
