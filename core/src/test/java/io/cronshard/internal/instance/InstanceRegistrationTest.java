package io.cronshard.internal.instance;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

        assertThatThrownBy(() -> registration.register(60))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxTimeDiffSeconds=60")
                .hasMessageContaining("'clock'");
        assertThat(client.getChildren().forPath(paths.full(JobNodePaths.INSTANCES))).isEmpty();
    }

    @Test
    void aClockWithinTheAllowedDifferenceOrNoCheckRegisters() {
        CuratorFramework client = client();
        JobNodePaths paths = new JobNodePaths("clock-ok");
        assertThat(new InstanceRegistration(client, paths, "10.0.0.1", () -> System.currentTimeMillis() + 5_000L).register(60))
                .startsWith("10.0.0.1@-@");
        assertThat(new InstanceRegistration(client, paths, "10.0.0.1", () -> 0L).register(-1))
                .endsWith("-2");
    }
}
