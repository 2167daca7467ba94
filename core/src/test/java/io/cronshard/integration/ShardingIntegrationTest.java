package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.JobInstances;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given several instances of a job in one JVM, each with its own ZooKeeper session: the items are
 * split among them, every item runs on exactly one instance each fire, and joins and leaves
 * re-split the items without an item ever running on two instances at once.
 */
class ShardingIntegrationTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "sharding");

    private ExecutionRecorder recorder;
    private String namespace;
    private JobInstances instances;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        recorder = cluster.recorder();
        namespace = cluster.namespace();
        instances = cluster.instances();
        raw = cluster.raw();
    }


    private static JobConfiguration everySecond(String job, int items) {
        return JobConfiguration.newBuilder(job, items).cron("* * * * * ?").shardingItemParameters("0=zero,1=one,2=two")
                .jobParameter("param").build();
    }

    /** @return owner instance id → its items, read directly from ZooKeeper */
    private Map<String, List<Integer>> split(String job, int items) throws Exception {
        Map<String, List<Integer>> result = new TreeMap<>();
        for (int item = 0; item < items; item++) {
            String path = "/" + namespace + "/" + job + "/sharding/" + item + "/instance";
            if (raw.checkExists().forPath(path) == null) {
                return Map.of();
            }
            String owner = new String(raw.getData().forPath(path), StandardCharsets.UTF_8);
            result.computeIfAbsent(owner, key -> new ArrayList<>()).add(item);
        }
        return result;
    }

    private List<Integer> sizes(Map<String, List<Integer>> split) {
        List<Integer> result = new ArrayList<>();
        split.values().forEach(each -> result.add(each.size()));
        result.sort(null);
        return result;
    }

    private Set<String> liveInstances(String job) throws Exception {
        return new HashSet<>(raw.getChildren().forPath("/" + namespace + "/" + job + "/instances"));
    }

    @Test
    void threeInstancesSplitTenItemsAndEachFireRunsEveryItemOnItsOwnerOnly() throws Exception {
        JobConfiguration config = everySecond("split", 10);
        instances.start("a", config);
        instances.start("b", config);
        instances.start("c", config);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, List<Integer>> split = split("split", 10);
            assertThat(split.keySet()).isEqualTo(liveInstances("split"));
            assertThat(sizes(split)).containsExactly(3, 3, 4);
        });
        long since = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<Integer, Integer> counts = new TreeMap<>();
            recorder.since(since).forEach(each -> counts.merge(each.item, 1, Integer::sum));
            assertThat(counts).hasSize(10);
            assertThat(counts.values()).allMatch(count -> count >= 3);
        });
        Map<String, Set<Integer>> byInstance = recorder.itemsByInstanceSince(since);
        assertThat(byInstance).hasSize(3);
        Set<Integer> seen = new HashSet<>();
        byInstance.values().forEach(items -> items.forEach(item -> assertThat(seen.add(item)).as("item %d ran on two instances", item).isTrue()));
        recorder.since(since).stream().filter(each -> each.item == 1).forEach(each -> {
            assertThat(each.parameter).isEqualTo("one");
            assertThat(each.jobParameter).isEqualTo("param");
        });
        recorder.assertNoOverlap();
    }

    @Test
    void scaleOutAndInReshardsWithoutRunningAnItemTwiceAtOnce() throws Exception {
        recorder.itemDuration(700);
        JobConfiguration config = everySecond("scale", 6);
        instances.start("a", config);
        instances.start("b", config);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sizes(split("scale", 6))).containsExactly(3, 3));

        instances.start("c", config);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(split("scale", 6).keySet()).isEqualTo(liveInstances("scale"));
            assertThat(sizes(split("scale", 6))).containsExactly(2, 2, 2);
        });
        long afterScaleOut = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorder.itemsByInstanceSince(afterScaleOut)).containsKey("c"));

        instances.stop("b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(liveInstances("scale")).hasSize(2);
            assertThat(split("scale", 6).keySet()).isEqualTo(liveInstances("scale"));
            assertThat(sizes(split("scale", 6))).containsExactly(3, 3);
        });
        long afterScaleIn = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Set<Integer>> byInstance = recorder.itemsByInstanceSince(afterScaleIn);
            assertThat(byInstance.keySet()).containsExactlyInAnyOrder("a", "c");
            Set<Integer> all = new HashSet<>();
            byInstance.values().forEach(all::addAll);
            assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        });
        recorder.assertNoOverlap();
    }
}
