package io.cronshard.spring.boot;

import io.cronshard.metrics.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code cronshard.*} meters in the context's {@link MeterRegistry} (Micrometer), with no code: a
 * {@link MicrometerJobMetrics} attached to every job of {@code cronshard.jobs} (unless the context has a
 * {@link JobMetrics} bean of its own: that one is attached instead, so nothing is counted twice) and the per-job gauges of
 * {@link JobStatusGauges}. Off with {@code cronshard.metrics.enabled=false}.
 */
@AutoConfiguration(after = CronshardAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, ApplicationJobs.class})
@ConditionalOnBooleanProperty(name = "cronshard.metrics.enabled", matchIfMissing = true)
public class CronshardMetricsAutoConfiguration {

    /**
     * @param registry the context's (primary) registry
     * @param properties {@code cronshard.metrics.item-tag}
     * @return the binding of every job's metrics
     */
    @Bean
    @ConditionalOnMissingBean(JobMetrics.class)
    MicrometerJobMetrics cronshardJobMetrics(MeterRegistry registry, CronshardProperties properties) {
        return new MicrometerJobMetrics(registry, properties.getMetrics().isItemTag());
    }

    @Bean
    JobStatusGauges cronshardJobStatusGauges(MeterRegistry registry, ApplicationJobs jobs, RegistryConnections connections) {
        return new JobStatusGauges(registry, jobs, connections);
    }
}
