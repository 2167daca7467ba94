package io.cronshard.examples.boot;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpringBootDemoTest {

    @Test
    void theCronJobRunsEveryItemAndTheOneOffJobRunsOnDemand() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, Set<Integer>> items = SpringBootDemo.run(zookeeper.getConnectString(), 9_000);
            assertThat(items.get("order-sync")).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(items.get("cleanup")).containsExactlyInAnyOrder(0, 1);
        }
    }
}
