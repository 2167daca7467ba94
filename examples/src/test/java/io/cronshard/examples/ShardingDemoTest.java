package io.cronshard.examples;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShardingDemoTest {

    @Test
    void afterOneInstanceStopsTheOtherTwoRunEveryItem() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true)) {
            ShardingDemo demo = new ShardingDemo();
            demo.run(zookeeper.getConnectString(), 4_000, 16_000);
            assertThat(demo.itemsByInstance().keySet()).containsExactlyInAnyOrder("instance-1", "instance-2");
            Set<Integer> items = new HashSet<>();
            demo.itemsByInstance().values().forEach(items::addAll);
            assertThat(items).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        }
    }
}
