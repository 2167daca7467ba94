package io.cronshard.spring.boot;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code cronshard.jobs.<name>.item-*} and the context's JobAlarmListener beans, on a real ZooKeeper. */
class ExecutionControlPropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestingServer zookeeper;

    private final String namespace = "execution-" + UUID.randomUUID();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class, CronshardMetricsAutoConfiguration.class));

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

    private static JobConfiguration stored(CoordinatorRegistryCenter regCenter, String jobName) {
        return JobAPIFactory.createJobConfigurationAPI(regCenter).getJobConfiguration(jobName);
    }

    @Test
    void executionControlPropertiesReachTheStoredConfigurationAndUnsetOnesKeepTheDefaults() {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.jobs.controlled.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.controlled.sharding-total-count=2",
                        "cronshard.jobs.controlled.item-retries=3",
                        "cronshard.jobs.controlled.item-retry-backoff-millis=250",
                        "cronshard.jobs.controlled.item-timeout-millis=604800000",
                        "cronshard.jobs.controlled.keep-checkpoint-on-success=true",
                        "cronshard.jobs.plain.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.plain.sharding-total-count=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CoordinatorRegistryCenter regCenter = context.getBean(CoordinatorRegistryCenter.class);
                    JobConfiguration controlled = stored(regCenter, "controlled");
                    assertThat(controlled.getItemRetries()).isEqualTo(3);
                    assertThat(controlled.getItemRetryBackoffMillis()).isEqualTo(250L);
                    assertThat(controlled.getItemTimeoutMillis()).isEqualTo(JobConfiguration.MAX_ITEM_TIMEOUT_MILLIS);
                    assertThat(controlled.isKeepCheckpointOnSuccess()).isTrue();

                    JobConfiguration plain = stored(regCenter, "plain");
                    assertThat(plain.getItemRetries()).isZero();
                    assertThat(plain.getItemRetryBackoffMillis()).isEqualTo(JobConfiguration.DEFAULT_ITEM_RETRY_BACKOFF_MILLIS);
                    assertThat(plain.getItemTimeoutMillis()).isZero();
                    assertThat(plain.isKeepCheckpointOnSuccess()).isFalse();
                });
    }

    /** Called first, and always throws. */
    static class BrokenAlarms implements JobAlarmListener, Ordered {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void onAlarm(JobAlarm alarm) {
            calls.incrementAndGet();
            throw new IllegalStateException("this pager is down");
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    }

    /** Keeps every alarm it hears. */
    static class RecordingAlarms implements JobAlarmListener {

        final List<JobAlarm> alarms = new CopyOnWriteArrayList<>();

        @Override
        public void onAlarm(JobAlarm alarm) {
            alarms.add(alarm);
        }
    }

    @Test
    void everyAlarmListenerBeanHearsAnItemThatIgnoresItsTimeoutEvenWhenAnEarlierOneThrows() {
        StubbornJob job = new StubbornJob();
        BrokenAlarms broken = new BrokenAlarms();
        RecordingAlarms recording = new RecordingAlarms();
        runner.withPropertyValues(regCenter())
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("job", StubbornJob.class, () -> job)
                .withBean("recordingAlarms", JobAlarmListener.class, () -> recording)
                .withBean("brokenAlarms", JobAlarmListener.class, () -> broken)
                .withPropertyValues("cronshard.jobs.stubborn.job-class=" + StubbornJob.class.getName(),
                        "cronshard.jobs.stubborn.sharding-total-count=1",
                        "cronshard.jobs.stubborn.item-timeout-millis=200")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OneOffJobBootstrap bootstrap = context.getBean("stubbornOneOffJobBootstrap", OneOffJobBootstrap.class);
                    try {
                        bootstrap.execute();

                        // interrupted after 200 ms, still running 1 s later: overdue
                        await().atMost(WAIT).until(() -> !recording.alarms.isEmpty());
                        assertThat(recording.alarms).singleElement().satisfies(alarm -> {
                            assertThat(alarm.getKind()).isEqualTo(JobAlarm.Kind.ITEM_OVERDUE);
                            assertThat(alarm.getReason()).isEqualTo("TIMEOUT");
                            assertThat(alarm.getJobName()).isEqualTo("stubborn");
                            assertThat(alarm.getItems()).containsExactly(0);
                            assertThat(alarm.getInstanceId()).isEqualTo(bootstrap.getJobInstanceId());
                            assertThat(alarm.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(1_200));
                        });
                        assertThat(broken.calls).hasValue(1);
                    } finally {
                        job.release();
                    }
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("cronshard.item.overdue").tags("job", "stubborn").counter().count()).isEqualTo(1);
                });
    }

    /** Fails its first try, then succeeds. */
    static class FailsOnceJob extends RecordingJob {

        final AtomicInteger tries = new AtomicInteger();

        @Override
        public void execute(ShardingContext context) {
            super.execute(context);
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("the first try fails, as the test wants");
            }
        }
    }

    private static double count(MeterRegistry meters, String name, String... tags) {
        Search search = meters.find(name).tags(tags);
        return search.counter() != null ? search.counter().count() : search.timer() != null ? search.timer().count() : 0;
    }

    @Test
    void aFailedTryRunsAgainAfterItsBackoffAndIsCountedInCronshardItemRetries() {
        runner.withPropertyValues(regCenter())
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("job", FailsOnceJob.class, FailsOnceJob::new)
                .withPropertyValues("cronshard.jobs.flaky.job-class=" + FailsOnceJob.class.getName(),
                        "cronshard.jobs.flaky.sharding-total-count=1",
                        "cronshard.jobs.flaky.item-retries=2",
                        "cronshard.jobs.flaky.item-retry-backoff-millis=100")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    context.getBean("flakyOneOffJobBootstrap", OneOffJobBootstrap.class).execute();

                    await().atMost(WAIT).until(() -> count(meters, "cronshard.item.duration", "job", "flaky", "result", "success") == 1);
                    assertThat(context.getBean(FailsOnceJob.class).tries).hasValue(2);
                    assertThat(count(meters, "cronshard.item.duration", "job", "flaky", "result", "failure")).isEqualTo(1);
                    assertThat(count(meters, "cronshard.item.retries", "job", "flaky")).isEqualTo(1);
                });
    }

    @Test
    void anInvalidExecutionControlValueIsExplainedWithItsProperty() {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.jobs.bad.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.bad.sharding-total-count=1", "cronshard.jobs.bad.item-retries=101")
                .run(context -> {
                    FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("Invalid configuration of Cronshard job 'bad': "
                            + "Invalid 'itemRetries': 101; must be between 0 (no retry) and 100 (see MAX_ITEM_RETRIES)");
                    assertThat(analysis.getAction()).isEqualTo("Fix cronshard.jobs.bad.item-retries.");
                });
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.jobs.bad.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.bad.sharding-total-count=1", "cronshard.jobs.bad.item-timeout-millis=1h")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("cronshard.jobs.bad.item-timeout-millis"));
    }
}
