package io.cronshard.examples.spring;

import io.cronshard.test.CronshardTestExtension;
import io.cronshard.test.TestZookeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(CronshardTestExtension.class)
class SpringXmlDemoTest {

    @Test
    void theCronJobRunsEveryItemAndTheOneOffJobRunsOnDemand(TestZookeeper zookeeper) throws Exception {
        Map<String, Set<Integer>> items = SpringXmlDemo.run(zookeeper.connectString(), 9_000);
        assertThat(items.get("xml-cities")).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(items.get("xml-report")).containsExactlyInAnyOrder(0, 1);
    }
}
