package io.cronshard.spring.boot;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@code cronshard} health contributor ({@link CronshardHealthIndicator}) when Spring Boot's health module is present
 * (it comes with Actuator), also in the {@code readiness} group of the availability probes. Off with
 * {@code management.health.cronshard.enabled=false}.
 */
@AutoConfiguration(after = CronshardAutoConfiguration.class,
        afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ApplicationJobs.class)
@ConditionalOnEnabledHealthIndicator(CronshardHealthAutoConfiguration.CONTRIBUTOR)
public class CronshardHealthAutoConfiguration {

    /** The contributor's name: its bean name without "HealthIndicator". */
    static final String CONTRIBUTOR = "cronshard";

    @Bean
    @ConditionalOnMissingBean(name = "cronshardHealthIndicator")
    CronshardHealthIndicator cronshardHealthIndicator(ApplicationJobs jobs, RegistryConnections connections) {
        return new CronshardHealthIndicator(jobs, connections);
    }

    /** Only with the health endpoint's groups (spring-boot-health with Actuator). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthEndpointGroupsPostProcessor.class, SecurityContext.class})
    static class ReadinessGroupConfiguration {

        @Bean
        static ReadinessGroupIncludesCronshard cronshardReadinessGroup(Environment environment) {
            return new ReadinessGroupIncludesCronshard(environment);
        }
    }
}
