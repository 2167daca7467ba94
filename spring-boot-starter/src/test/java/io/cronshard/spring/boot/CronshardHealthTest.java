package io.cronshard.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cronshard} health indicator against a real ZooKeeper that stops and comes back, in a real Spring Boot
 * application with Actuator's health endpoint and availability probes.
 */
@ExtendWith(OutputCaptureExtension.class)
class CronshardHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An application with every auto-configuration of the test class path: Cronshard, health, probes, Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class HealthApplication {

        @Bean
        RecordingJob nightlyJob() {
            return new RecordingJob();
        }
    }

    private static SpringApplicationBuilder application(TestingServer zookeeper, String... properties) {
        return new SpringApplicationBuilder(HealthApplication.class).web(WebApplicationType.NONE)
                .properties("cronshard.reg-center.server-lists=" + zookeeper.getConnectString(),
                        "cronshard.reg-center.namespace=health-" + UUID.randomUUID(),
                        // a short session, so that a lost one is declared within the test's time
                        "cronshard.reg-center.session-timeout-milliseconds=1500",
                        "cronshard.reg-center.connection-timeout-milliseconds=5000",
                        "cronshard.reg-center.base-sleep-time-milliseconds=100",
                        "cronshard.reg-center.max-sleep-time-milliseconds=200",
                        "cronshard.jobs.nightly.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.nightly.cron=0 0 3 * * ?",
                        "cronshard.jobs.nightly.sharding-total-count=2",
                        "management.endpoint.health.show-details=always",
                        "spring.main.banner-mode=off")
                .properties(properties);
    }

    /** A ZooKeeper whose tick lets the client's 1.5 s session stand (the server allows 2 to 20 ticks). */
    private static TestingServer shortTickZookeeper() throws Exception {
        return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 100, -1), true);
    }

    private static Status readiness(HealthEndpoint health) {
        return health.healthForPath("readiness").getStatus();
    }

    private static double connectedGauge(MeterRegistry meters) {
        return meters.get("cronshard.registry.connected").tag("job", "nightly").gauge().value();
    }

    @Test
    void upWhileConnectedOutOfServiceWhileSuspendedDownOnceTheSessionIsLostAndUpWhenZookeeperReturns() throws Exception {
        try (TestingServer zookeeper = shortTickZookeeper();
             ConfigurableApplicationContext context = application(zookeeper).run()) {
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            CronshardHealthIndicator indicator = context.getBean(CronshardHealthIndicator.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            await().atMost(WAIT).until(() -> readiness(health), Status.UP::equals);
            // the leader writes the split right after the instance registers
            await().atMost(WAIT).until(() -> indicator.health().getDetails().get("jobs"), jobs -> jobs.equals(Map.of("nightly",
                    Map.of("registered", true, "ownedItems", List.of(0, 1), "lastFire", "NONE"))));
            assertThat(indicator.health().getDetails()).containsEntry("registryCenter", RegistryConnections.State.CONNECTED);
            HealthDescriptor readinessGroup = health.healthForPath("readiness");
            assertThat(((CompositeHealthDescriptor) readinessGroup).getComponents()).containsKeys("readinessState", "cronshard");
            assertThat(connectedGauge(meters)).isEqualTo(1.0);

            zookeeper.stop();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> readiness(health), Status.OUT_OF_SERVICE::equals);
            assertThat(indicator.health().getDetails()).containsEntry("registryCenter", RegistryConnections.State.SUSPENDED);
            assertThat(connectedGauge(meters)).isZero();

            await().atMost(WAIT).until(() -> readiness(health), Status.DOWN::equals);
            assertThat(indicator.health().getDetails()).containsEntry("registryCenter", RegistryConnections.State.LOST);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

            zookeeper.restart();
            await().atMost(WAIT).until(() -> readiness(health), Status.UP::equals);
            assertThat(indicator.health().getDetails()).containsEntry("registryCenter", RegistryConnections.State.CONNECTED);
            assertThat(connectedGauge(meters)).isEqualTo(1.0);
        }
    }

    @Test
    void aJobNotRegisteredYetKeepsTheApplicationOutOfServiceAndTheIndicatorCanBeTurnedOff() throws Exception {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class, CronshardHealthAutoConfiguration.class))
                .withBean("nightlyJob", RecordingJob.class, RecordingJob::new);
        try (TestingServer zookeeper = new TestingServer(true)) {
            runner.withPropertyValues("cronshard.reg-center.server-lists=" + zookeeper.getConnectString(), "cronshard.reg-center.namespace=starting",
                            "cronshard.jobs.nightly.job-class=" + RecordingJob.class.getName(), "cronshard.jobs.nightly.cron=0 0 3 * * ?",
                            "cronshard.jobs.nightly.sharding-total-count=1")
                    .run(context -> {
                        // a plain context publishes no ApplicationReadyEvent: the cron job is never scheduled, as while starting
                        org.springframework.boot.health.contributor.Health health = context.getBean(CronshardHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                        assertThat(health.getDetails()).containsEntry("registryCenter", RegistryConnections.State.CONNECTED);
                        assertThat(health.getDetails().get("jobs")).isEqualTo(Map.of("nightly",
                                Map.of("registered", false, "ownedItems", List.of(), "lastFire", "NONE")));
                    })
                    .withPropertyValues("management.health.cronshard.enabled=false")
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CronshardHealthIndicator.class));
        }
    }

    @Test
    void aReadinessGroupTheApplicationListsItselfIsLeftAsItIs() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
             ConfigurableApplicationContext context = application(zookeeper,
                     "management.endpoint.health.group.readiness.include=readinessState").run()) {
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            assertThat(((CompositeHealthDescriptor) health.healthForPath("readiness")).getComponents()).containsOnlyKeys("readinessState");
            assertThat(((CompositeHealthDescriptor) health.health()).getComponents()).containsKey("cronshard");
        }
    }

    @Test
    void aHealthGroupThatListsCronshardWhereCronshardIsOffIsExplained(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HealthApplication.class).web(WebApplicationType.NONE)
                .properties("cronshard.enabled=false", "spring.main.banner-mode=off",
                        "management.endpoint.health.group.readiness.include=readinessState,cronshard")
                .run().close());
        assertThat(output).contains("APPLICATION FAILED TO START",
                "The health group 'readiness' includes 'cronshard', but this application has no Cronshard health indicator: "
                        + "Cronshard is turned off (cronshard.enabled=false).",
                "Remove 'cronshard' from management.endpoint.health.group.readiness.include");
    }
}
