package io.cronshard.testsupport;

import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedZookeeperTest {

    @Test
    void aServerThatIsNotStartedSaysHowToStartIt() {
        try (EmbeddedZookeeper zookeeper = new EmbeddedZookeeper()) {
            assertThatThrownBy(zookeeper::getConnectString)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("@RegisterExtension");
        }
    }

    @Test
    void restartKeepsThePortAndTheDataAndClientsReconnect() {
        try (EmbeddedZookeeper zookeeper = new EmbeddedZookeeper().start()) {
            int port = zookeeper.getPort();
            ZookeeperRegistryCenter regCenter = zookeeper.newRegistryCenter(zookeeper.uniqueNamespace("restart"));
            regCenter.persist("/job/config", "kept");

            zookeeper.stop();
            zookeeper.restart();

            assertThat(zookeeper.getPort()).isEqualTo(port);
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(regCenter.get("/job/config")).isEqualTo("kept"));
        }
    }

    @Test
    void closeClosesEveryClientItHandedOut() {
        Set<Thread> before = ZookeeperClientThreads.snapshot();
        try (EmbeddedZookeeper zookeeper = new EmbeddedZookeeper().start()) {
            zookeeper.newRegistryCenter(zookeeper.uniqueNamespace("close"));
            zookeeper.newRawClient();
            assertThat(ZookeeperClientThreads.startedSince(before)).isNotEmpty();
        }

        ZookeeperClientThreads.awaitNoneStartedSince(before, Duration.ofSeconds(10));
    }
}
