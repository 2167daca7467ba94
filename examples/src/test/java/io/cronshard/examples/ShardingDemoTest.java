package io.cronshard.examples;

import io.cronshard.test.CronshardTestExtension;
import io.cronshard.test.TestZookeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(CronshardTestExtension.class)
class ShardingDemoTest {

    @Test
    void afterOneInstanceStopsTheOtherTwoRunEveryItem(TestZookeeper zookeeper) throws Exception {
        ShardingDemo demo = new ShardingDemo();
        demo.run(zookeeper.connectString(), 4_000, 16_000);
        assertThat(demo.itemsByInstance().keySet()).containsExactlyInAnyOrder("instance-1", "instance-2");
        Set<Integer> items = new HashSet<>();
        demo.itemsByInstance().values().forEach(items::addAll);
        assertThat(items).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }
}
