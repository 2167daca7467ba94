package io.cronshard.spring.boot;

import io.cronshard.api.JobConfiguration;

/**
 * Changes the configuration of a job of {@code cronshard.jobs.*} before its bootstrap is built, for what the
 * properties cannot say: a {@link io.cronshard.metrics.JobMetrics} for one job only, a tracing configuration on
 * another data source, a value computed at start. Every bean of this type is applied to every job of
 * {@code cronshard.jobs}, in {@link org.springframework.core.annotation.Order @Order}, after the properties, the
 * context's tracing, metrics and alarm listeners.
 *
 * <pre>{@code
 * @Bean
 * JobConfigurationCustomizer ordersOnTheReportingDatabase(DataSource reporting) {
 *     return config -> config.getJobName().equals("orders")
 *             ? config.toBuilder().tracing(TracingConfiguration.rdb(reporting)).build()
 *             : config;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface JobConfigurationCustomizer {

    /**
     * @param configuration the job's configuration so far; its job name says which job it is
     * @return the configuration to use: the same one, or a modified copy ({@code configuration.toBuilder()…build()});
     *         a {@link io.cronshard.api.JobConfigurationException} thrown here fails the start and names the job
     */
    JobConfiguration customize(JobConfiguration configuration);
}
