package io.cronshard.internal.instance;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.config.ConfigurationService;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registration against a real ZooKeeper: the clock check of {@code maxTimeDiffSeconds}.
 */
class InstanceRegistrationTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    private CuratorFramework client() {
        return (CuratorFramework) ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("registration")).getRawClient();
    }

    @Test
    void aClockTooFarFromZookeepersIsAClearErrorAndLeavesNoInstance() throws Exception {
        CuratorFramework client = client();
        JobNodePaths paths = new JobNodePaths("clock");
        InstanceRegistration registration = new InstanceRegistration(client, paths, "10.0.0.1",
                () -> System.currentTimeMillis() + 120_000L);

        assertThatThrownBy(() -> register(registration, new ConfigurationService(client, paths), config("clock", 60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxTimeDiffSeconds=60")
                .hasMessageContaining("'clock'");
        assertThat(client.getChildren().forPath(paths.full(JobNodePaths.INSTANCES))).isEmpty();
    }

    @Test
    void aClockWithinTheAllowedDifferenceOrNoCheckRegisters() {
        CuratorFramework client = client();
        JobNodePaths paths = new JobNodePaths("clock-ok");
        InstanceRegistration first = new InstanceRegistration(client, paths, "10.0.0.1", () -> System.currentTimeMillis() + 5_000L);
        register(first, new ConfigurationService(client, paths), config("clock-ok", 60));
        assertThat(first.getInstanceId()).startsWith("10.0.0.1@-@");
        InstanceRegistration second = new InstanceRegistration(client, paths, "10.0.0.1", () -> 0L);
        register(second, new ConfigurationService(client, paths), config("clock-ok", -1));
        assertThat(second.getInstanceId()).endsWith("-2");
    }

    /** Registers synchronously: prepares, writes, waits for the answer, then checks the clock, as a start does. */
    private static void register(InstanceRegistration registration, ConfigurationService configService, JobConfiguration local) {
        InstanceRegistration.Prepared prepared = registration.prepare(configService, local, ignored -> { }, id -> true, null);
        CompletableFuture<InstanceRegistration.Outcome> outcome = new CompletableFuture<>();
        registration.write(prepared, outcome::complete);
        assertThat(outcome.join()).isEqualTo(InstanceRegistration.Outcome.REGISTERED);
        configService.adopt(prepared.configuration(), local);
        registration.checkClock(prepared.configuration().getMaxTimeDiffSeconds());
    }

    private static JobConfiguration config(String job, int maxTimeDiffSeconds) {
        return JobConfiguration.newBuilder(job, 1).cron("0 0 0 1 1 ? 2099").maxTimeDiffSeconds(maxTimeDiffSeconds).overwrite(true).build();
    }
}
