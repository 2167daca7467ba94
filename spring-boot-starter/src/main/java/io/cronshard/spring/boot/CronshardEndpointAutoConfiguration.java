package io.cronshard.spring.boot;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code cronshard} Actuator endpoint ({@link CronshardEndpoint}) when Actuator is present and the endpoint is
 * available (exposed, and its access not {@code none}).
 */
@AutoConfiguration(after = CronshardAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ApplicationJobs.class)
@ConditionalOnAvailableEndpoint(CronshardEndpoint.class)
public class CronshardEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CronshardEndpoint cronshardEndpoint(ApplicationJobs jobs, ListableBeanFactory beanFactory) {
        return new CronshardEndpoint(jobs, beanFactory);
    }
}
