package io.cronshard.examples.spring;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpringXmlDemoTest {

    @Test
    void theCronJobRunsEveryItemAndTheOneOffJobRunsOnDemand() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true)) {
            Map<String, Set<Integer>> items = SpringXmlDemo.run(zookeeper.getConnectString(), 9_000);
            assertThat(items.get("xml-cities")).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(items.get("xml-report")).containsExactlyInAnyOrder(0, 1);
        }
    }
}
