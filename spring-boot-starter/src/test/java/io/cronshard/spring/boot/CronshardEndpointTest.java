package io.cronshard.spring.boot;

import io.cronshard.bootstrap.OneOffJobBootstrap;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The cronshard Actuator endpoint's operations on a real ZooKeeper (over HTTP: the Spring Boot example's tests). */
class CronshardEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestingServer zookeeper;

    @BeforeAll
    static void startZookeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZookeeper() throws Exception {
        zookeeper.close();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class, CronshardEndpointAutoConfiguration.class))
            .withPropertyValues("cronshard.reg-center.server-lists=" + zookeeper.getConnectString(),
                    "cronshard.reg-center.namespace=endpoint-" + UUID.randomUUID(),
                    "cronshard.reg-center.connection-timeout-milliseconds=5000")
            .withBean("reportJob", RecordingJob.class, RecordingJob::new)
            .withBean("nightlyJob", RecordingJob.Other.class, RecordingJob.Other::new)
            .withPropertyValues("cronshard.jobs.report.job-class=" + RecordingJob.class.getName(),
                    "cronshard.jobs.report.sharding-total-count=2",
                    "cronshard.jobs.nightly.job-class=" + RecordingJob.Other.class.getName(),
                    "cronshard.jobs.nightly.cron=0 0 3 * * ?",
                    "cronshard.jobs.nightly.sharding-total-count=1");

    @Test
    void listsTheApplicationsJobsWithTheirItemsAndFiresAndTriggersOne() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=cronshard").run(context -> {
            assertThat(context).hasNotFailed();
            CronshardEndpoint endpoint = context.getBean(CronshardEndpoint.class);
            RecordingJob report = context.getBean("reportJob", RecordingJob.class);
            await().atMost(WAIT).until(() -> endpoint.job("report").ownedItems().equals(List.of(0, 1)));

            context.getBean("reportOneOffJobBootstrap", OneOffJobBootstrap.class).execute();
            await().atMost(WAIT).until(() -> endpoint.job("report").lastFire() != null && endpoint.job("report").lastFire().succeeded());
            CronshardEndpoint.JobDescriptor job = endpoint.job("report");
            assertThat(job.type()).isEqualTo("ONE_OFF");
            assertThat(job.beanName()).isEqualTo("reportOneOffJobBootstrap");
            assertThat(job.registered()).isTrue();
            assertThat(job.leader()).isTrue();
            assertThat(job.runningItems()).isEmpty();
            assertThat(job.nextFireTime()).isNull();
            assertThat(job.lastFire().executionSource()).isEqualTo("MANUAL");
            assertThat(job.lastFire().items()).containsExactly(0, 1);
            assertThat(job.lastFire().failedItems()).isEmpty();
            // a schedule job is scheduled on ApplicationReadyEvent, which a plain context does not publish
            assertThat(endpoint.jobs().jobs()).extracting(CronshardEndpoint.JobDescriptor::jobName).containsExactly("nightly", "report");
            assertThat(endpoint.job("nightly").type()).isEqualTo("SCHEDULE");
            assertThat(endpoint.job("absent")).isNull();

            int before = report.executions().size();
            CronshardEndpoint.TriggerDescriptor triggered = endpoint.trigger("report");
            assertThat(triggered.jobName()).isEqualTo("report");
            await().atMost(WAIT).until(() -> report.executions().size() == before + 2);
            assertThat(report.executions().subList(before, before + 2)).extracting(each -> each.getShardingItem()).containsExactlyInAnyOrder(0, 1);

            assertThatThrownBy(() -> endpoint.trigger("absent")).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("No job named 'absent' runs in this application; its jobs: [nightly, report]");
        });
    }

    @Test
    void isThereOnlyWhenExposedAndItsTriggerOnlyWhenAccessIsUnrestricted() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CronshardEndpoint.class));
        assertThat(CronshardEndpoint.class.getAnnotation(Endpoint.class).defaultAccess()).isEqualTo(Access.READ_ONLY);
    }
}
