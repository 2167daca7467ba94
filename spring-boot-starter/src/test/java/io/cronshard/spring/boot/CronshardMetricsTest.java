package io.cronshard.spring.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.metrics.JobMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cronshard.* meters of the starter's jobs in a real Spring Boot application's MeterRegistry, on a real ZooKeeper. */
class CronshardMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestingServer zookeeper;

    private final String namespace = "metrics-" + UUID.randomUUID();

    @BeforeAll
    static void startZookeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZookeeper() throws Exception {
        zookeeper.close();
    }

    private String[] regCenter() {
        return new String[] {"cronshard.reg-center.server-lists=" + zookeeper.getConnectString(),
                "cronshard.reg-center.namespace=" + namespace, "cronshard.reg-center.connection-timeout-milliseconds=5000"};
    }

    /** Every auto-configuration of the test class path: Cronshard's and Spring Boot's MeterRegistry. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class MeteredApplication {

        @Bean
        RecordingJob reportJob() {
            return new RecordingJob();
        }

        @Bean
        FailingOnItemOne brokenJob() {
            return new FailingOnItemOne();
        }
    }

    /** Fails item 1, runs the others. */
    static class FailingOnItemOne extends RecordingJob {

        @Override
        public void execute(ShardingContext context) {
            super.execute(context);
            if (context.getShardingItem() == 1) {
                throw new IllegalStateException("item 1 fails, as the test wants");
            }
        }
    }

    private static double itemCount(MeterRegistry meters, String job, String result) {
        Search search = meters.find("cronshard.item.duration").tags("job", job, "source", "MANUAL", "result", result);
        return search.timer() == null ? 0 : search.timer().count();
    }

    @Test
    void everyExecutionIsCountedByJobSourceAndResultWithNoCodeOfTheUsers() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MeteredApplication.class).web(WebApplicationType.NONE)
                .properties(regCenter())
                .properties("spring.main.banner-mode=off",
                        "cronshard.jobs.report.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.report.sharding-total-count=3",
                        "cronshard.jobs.broken.job-class=" + FailingOnItemOne.class.getName(),
                        "cronshard.jobs.broken.sharding-total-count=2")
                .run()) {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(context.getBean(JobMetrics.class)).isInstanceOf(MicrometerJobMetrics.class);
            OneOffJobBootstrap report = context.getBean("reportOneOffJobBootstrap", OneOffJobBootstrap.class);
            await().atMost(WAIT).until(() -> meters.get("cronshard.items.owned").tag("job", "report").gauge().value() == 3);

            report.execute();
            await().atMost(WAIT).until(() -> itemCount(meters, "report", "success") == 3);
            await().atMost(WAIT).until(() -> meters.get("cronshard.fire.duration").tags("job", "report").timer().count() == 1);
            report.execute();
            await().atMost(WAIT).until(() -> itemCount(meters, "report", "success") == 6);
            await().atMost(WAIT).until(() -> meters.get("cronshard.fire.duration").tags("job", "report").timer().count() == 2);
            assertThat(meters.get("cronshard.fire.latency").tags("job", "report", "source", "MANUAL").timer().count()).isEqualTo(2);
            assertThat(itemCount(meters, "report", "failure")).isZero();

            context.getBean("brokenOneOffJobBootstrap", OneOffJobBootstrap.class).execute();
            await().atMost(WAIT).until(() -> itemCount(meters, "broken", "failure") == 1 && itemCount(meters, "broken", "success") == 1);
            await().atMost(WAIT).until(() -> meters.find("cronshard.fire.duration").tags("job", "broken", "result", "failure").timer() != null);

            assertThat(meters.get("cronshard.registry.connected").tag("job", "report").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("cronshard.items.owned").tag("job", "broken").gauge().value()).isEqualTo(2.0);
            // no tag per item unless asked
            assertThat(meters.get("cronshard.item.duration").timers()).allSatisfy(timer -> assertThat(timer.getId().getTag("item")).isNull());
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class, CronshardMetricsAutoConfiguration.class))
            .withBean("job", RecordingJob.class, RecordingJob::new)
            .withPropertyValues("cronshard.jobs.once.job-class=" + RecordingJob.class.getName(), "cronshard.jobs.once.sharding-total-count=2");

    /** Counts item executions, as a user's own binding would. */
    static class CountingJobMetrics implements JobMetrics {

        final AtomicInteger items = new AtomicInteger();

        @Override
        public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
            items.incrementAndGet();
        }
    }

    @Test
    void aJobMetricsBeanOfTheUsersOwnIsAttachedInsteadOfTheMicrometerBindingSoNothingIsCountedTwice() {
        CountingJobMetrics own = new CountingJobMetrics();
        runner.withPropertyValues(regCenter())
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("ownJobMetrics", JobMetrics.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerJobMetrics.class).hasSingleBean(JobStatusGauges.class);
                    context.getBean("onceOneOffJobBootstrap", OneOffJobBootstrap.class).execute();
                    await().atMost(WAIT).until(() -> own.items.get() == 2);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.find("cronshard.item.duration").timers()).isEmpty();
                    assertThat(meters.get("cronshard.items.owned").tag("job", "once").gauge()).isNotNull();
                });
    }

    /** No job: what is bound, not what it counts. */
    private final ApplicationContextRunner jobless = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class, CronshardMetricsAutoConfiguration.class));

    @Test
    void withoutAMeterRegistryOrWithMetricsTurnedOffNoMeterIsBound() {
        jobless.withPropertyValues(regCenter())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerJobMetrics.class)
                        .doesNotHaveBean(JobStatusGauges.class));
        jobless.withPropertyValues(regCenter())
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("cronshard.metrics.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerJobMetrics.class)
                        .doesNotHaveBean(JobStatusGauges.class));
    }

    @Test
    void cronshardMetricsItemTagTagsItemMeters() {
        // what the tag looks like: MicrometerJobMetricsTest
        jobless.withPropertyValues(regCenter())
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("cronshard.metrics.item-tag=true")
                .run(context -> assertThat(context.getBean(MicrometerJobMetrics.class)).hasToString("MicrometerJobMetrics{tagItems=true}"));
    }
}
