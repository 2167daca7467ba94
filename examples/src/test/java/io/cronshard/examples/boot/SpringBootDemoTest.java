package io.cronshard.examples.boot;

import io.cronshard.test.CronshardTestExtension;
import io.cronshard.test.TestZookeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as {@code main} runs it (on a free port instead of 8080). */
@ExtendWith(CronshardTestExtension.class)
class SpringBootDemoTest {

    @Test
    void theCronJobRunsEveryItemAndTheOneOffJobRunsOnDemand(TestZookeeper zookeeper) throws Exception {
        Map<String, Set<Integer>> items = SpringBootDemo.run(zookeeper.connectString(), 9_000, "server.port=0");
        assertThat(items.get("order-sync")).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(items.get("cleanup")).containsExactlyInAnyOrder(0, 1);
    }
}
