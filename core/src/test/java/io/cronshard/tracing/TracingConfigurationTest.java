package io.cronshard.tracing;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.config.JobConfigurationJson;
import io.cronshard.metrics.JobMetrics;
import io.cronshard.testsupport.TestDataSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tracing configuration and how it (and the metrics hook) ride on a JobConfiguration without being stored. */
class TracingConfigurationTest {

    private final TestDataSources.Switchable dataSource = new TestDataSources.Switchable(TestDataSources.h2("config"), false);

    @Test
    void anRdbConfigurationHoldsItsDataSourceAndSaysNothingOfIt() {
        TracingConfiguration tracing = TracingConfiguration.rdb(dataSource);

        assertThat(tracing.getType()).isEqualTo("RDB");
        assertThat(tracing.getDataSource()).isSameAs(dataSource);
        assertThat(tracing.getQueueCapacity()).isEqualTo(TracingConfiguration.DEFAULT_QUEUE_CAPACITY);
        assertThat(tracing.toString()).doesNotContain("secret").doesNotContain("jdbc");
        assertThat(tracing.getStatistics()).isEqualTo(new TracingStatistics(0, 0, 0, 0));
        assertThat(TracingConfiguration.rdb(dataSource, 5).getQueueCapacity()).isEqualTo(5);
    }

    @Test
    void refusesNoDataSourceAndAnEmptyQueue() {
        assertThatThrownBy(() -> TracingConfiguration.rdb(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> TracingConfiguration.rdb(dataSource, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueCapacity");
    }

    @Test
    void tracingAndMetricsAreLocalOnlyNeitherStoredNorCompared() {
        TracingConfiguration tracing = TracingConfiguration.rdb(dataSource);
        JobMetrics metrics = new JobMetrics() { };
        JobConfiguration plain = JobConfiguration.newBuilder("job", 2).cron("0/5 * * * * ?").build();
        JobConfiguration traced = JobConfiguration.newBuilder("job", 2).cron("0/5 * * * * ?").tracing(tracing).metrics(metrics).build();

        assertThat(traced.getTracing()).isSameAs(tracing);
        assertThat(traced.getMetrics()).isSameAs(metrics);
        assertThat(traced).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(traced.toString()).isEqualTo(plain.toString());
        assertThat(JobConfigurationJson.toJson(traced)).isEqualTo(JobConfigurationJson.toJson(plain))
                .doesNotContainIgnoringCase("tracing").doesNotContainIgnoringCase("metrics");
        assertThat(JobConfigurationJson.fromJson(JobConfigurationJson.toJson(traced)).getTracing()).isNull();
    }

    @Test
    void toBuilderCarriesThemAndDefaultsAreNone() {
        TracingConfiguration tracing = TracingConfiguration.rdb(dataSource);
        JobMetrics metrics = new JobMetrics() { };
        JobConfiguration traced = JobConfiguration.newBuilder("job", 2).tracing(tracing).metrics(metrics).build();

        JobConfiguration copy = traced.toBuilder().description("changed").build();
        assertThat(copy.getTracing()).isSameAs(tracing);
        assertThat(copy.getMetrics()).isSameAs(metrics);

        JobConfiguration plain = JobConfiguration.newBuilder("job", 2).build();
        assertThat(plain.getTracing()).isNull();
        assertThat(plain.getMetrics()).isSameAs(JobMetrics.NONE);
        assertThat(JobConfiguration.newBuilder("job", 2).metrics(null).build().getMetrics()).isSameAs(JobMetrics.NONE);
    }
}
