package io.cronshard.spring.namespace;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobAlarm;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.test.CronshardTestContext;
import io.cronshard.test.CronshardTestExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.support.GenericXmlApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code <cronshard:job>}'s execution control: retries, timeouts, checkpoints, and the metrics and alarm hooks. */
@ExtendWith(CronshardTestExtension.class)
class ExecutionControlNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private CronshardTestContext cronshard;

    @BeforeEach
    void useTheTestKit(CronshardTestContext cronshard) {
        this.cronshard = cronshard;
    }

    private Map<String, Object> properties() {
        Map<String, Object> result = new HashMap<>();
        result.put("zk.servers", cronshard.zookeeper().connectString());
        result.put("zk.namespace", cronshard.namespace());
        return result;
    }

    private JobConfiguration stored(String jobName) {
        return JobAPIFactory.createJobConfigurationAPI(cronshard.registryCenter()).getJobConfiguration(jobName);
    }

    @Test
    void executionControlAttributesWithPlaceholdersReachTheStoredConfigurationAndUnsetOnesKeepTheDefaults() {
        Map<String, Object> properties = properties();
        properties.put("job.retries", "3");
        properties.put("job.backoff", "250");
        properties.put("job.timeout", "604800000");
        properties.put("job.keep", "true");
        try (GenericXmlApplicationContext context = XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="controlled" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               sharding-total-count="2" item-retries="${job.retries}" item-retry-backoff-millis="${job.backoff}"
                               item-timeout-millis="${job.timeout}" keep-checkpoint-on-success="${job.keep}"/>
                <cronshard:job id="plain" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               sharding-total-count="1"/>
                """, properties)) {
            JobConfiguration controlled = stored("controlled");
            assertThat(controlled.getItemRetries()).isEqualTo(3);
            assertThat(controlled.getItemRetryBackoffMillis()).isEqualTo(250L);
            assertThat(controlled.getItemTimeoutMillis()).isEqualTo(JobConfiguration.MAX_ITEM_TIMEOUT_MILLIS);
            assertThat(controlled.isKeepCheckpointOnSuccess()).isTrue();

            JobConfiguration plain = stored("plain");
            assertThat(plain.getItemRetries()).isZero();
            assertThat(plain.getItemRetryBackoffMillis()).isEqualTo(JobConfiguration.DEFAULT_ITEM_RETRY_BACKOFF_MILLIS);
            assertThat(plain.getItemTimeoutMillis()).isZero();
            assertThat(plain.isKeepCheckpointOnSuccess()).isFalse();
            assertThat(context.getBean("controlled")).isInstanceOf(OneOffJobBootstrap.class);
        }
    }

    @Test
    void theAlarmListenerAndTheMetricsOfTheRefsHearAnItemThatIgnoresItsTimeout() {
        RecordingAlarms alarms = new RecordingAlarms();
        RecordingMetrics metrics = new RecordingMetrics();
        StubbornJob job = new StubbornJob();
        try (GenericXmlApplicationContext context = XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="stubborn" job-ref="stubbornJob" registry-center-ref="regCenter" sharding-total-count="1"
                               item-timeout-millis="200" alarm-listener-ref="alarms" metrics-ref="metrics"/>
                """, properties(), ctx -> {
                    ctx.getBeanFactory().registerSingleton("stubbornJob", job);
                    ctx.getBeanFactory().registerSingleton("alarms", alarms);
                    ctx.getBeanFactory().registerSingleton("metrics", metrics);
                })) {
            OneOffJobBootstrap bootstrap = context.getBean("stubborn", OneOffJobBootstrap.class);
            try {
                bootstrap.execute();

                // interrupted after 200 ms, still running 1 s later: overdue
                await().atMost(WAIT).until(() -> alarms.heard(JobAlarm.Kind.ITEM_OVERDUE, "TIMEOUT"));
                JobAlarm alarm = alarms.alarms.get(0);
                assertThat(alarms.alarms).hasSize(1);
                assertThat(alarm.getJobName()).isEqualTo("stubborn");
                assertThat(alarm.getItems()).containsExactly(0);
                assertThat(alarm.getInstanceId()).isEqualTo(bootstrap.getJobInstanceId());
                assertThat(alarm.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(1_200));
                assertThat(metrics.overdue).containsExactly(0);
                assertThat(metrics.items).isEmpty();
            } finally {
                job.release();
            }
            // the try past its timeout counts as failed once the body returns
            await().atMost(WAIT).until(() -> metrics.items.equals(List.of(new RecordingMetrics.Item(0, false))));
            assertThat(alarms.alarms).hasSize(1);
        }
    }

    @Test
    void invalidExecutionControlValuesAndHooksOfTheWrongTypeFailNamingTheField() {
        assertThatThrownBy(() -> start("item-retries=\"101\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("Invalid 'itemRetries': 101; must be between 0 (no retry) and 100 (see MAX_ITEM_RETRIES)");
        assertThatThrownBy(() -> start("item-retry-backoff-millis=\"-1\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Invalid 'itemRetryBackoffMillis': -1; must be between 0 and 60,000 ms");
        assertThatThrownBy(() -> start("item-timeout-millis=\"1h\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("Invalid 'itemTimeoutMillis': '1h'; must be an integer");
        assertThatThrownBy(() -> start("keep-checkpoint-on-success=\"yes\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("Invalid 'keepCheckpointOnSuccess': 'yes'; must be true or false");
        assertThatThrownBy(() -> start("alarm-listener-ref=\"regCenter\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("The alarm-listener-ref of job 'bad' is a io.cronshard.reg.zookeeper.ZookeeperRegistryCenter, not an "
                        + "io.cronshard.api.listener.JobAlarmListener");
        assertThatThrownBy(() -> start("metrics-ref=\"regCenter\"")).rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("The metrics-ref of job 'bad' is a io.cronshard.reg.zookeeper.ZookeeperRegistryCenter, not an "
                        + "io.cronshard.metrics.JobMetrics");
    }

    /** Starts a job with one more attribute, on the test kit's registry center: no session of its own to open. */
    private GenericXmlApplicationContext start(String attribute) {
        return XmlContexts.start("""
                <cronshard:job id="bad" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               sharding-total-count="1" %s/>
                """.formatted(attribute), properties(),
                context -> context.getBeanFactory().registerSingleton("regCenter", cronshard.registryCenter()));
    }
}
