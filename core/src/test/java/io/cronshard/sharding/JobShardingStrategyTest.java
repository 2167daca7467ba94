package io.cronshard.sharding;

import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.common.Types;
import io.cronshard.spi.TypedServices;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobShardingStrategyTest {

    private static List<JobInstance> instances(int n) {
        List<JobInstance> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(new JobInstance("10.0.0." + i + "@-@" + (100 + i)));
        }
        return result;
    }

    @Test
    void averageAllocationGivesConsecutiveItemsAndTheRestToTheFirstInstances() {
        List<JobInstance> three = instances(3);
        Map<JobInstance, List<Integer>> tenItems = new AverageAllocationJobShardingStrategy().sharding(three, "job", 10);
        assertThat(tenItems.get(three.get(0))).containsExactly(0, 1, 2, 9);
        assertThat(tenItems.get(three.get(1))).containsExactly(3, 4, 5);
        assertThat(tenItems.get(three.get(2))).containsExactly(6, 7, 8);
        Map<JobInstance, List<Integer>> twoItems = new AverageAllocationJobShardingStrategy().sharding(three, "job", 2);
        assertThat(twoItems.get(three.get(0))).containsExactly(0);
        assertThat(twoItems.get(three.get(1))).containsExactly(1);
        assertThat(twoItems.get(three.get(2))).isEmpty();
    }

    @Test
    void everyStrategyAssignsEveryItemExactlyOnceKeepingEveryInstance() {
        List<JobShardingStrategy> strategies = List.of(new AverageAllocationJobShardingStrategy(), new OdevityJobShardingStrategy(),
                new RoundRobinJobShardingStrategy());
        // "polygenelubricants" hashes to Integer.MIN_VALUE: Math.abs would stay negative
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        for (JobShardingStrategy strategy : strategies) {
            for (String job : List.of("a", "b", "job-with-odd-hash", "polygenelubricants")) {
                for (int n = 1; n <= 12; n++) {
                    for (int total = 1; total <= 25; total++) {
                        Map<JobInstance, List<Integer>> split = strategy.sharding(instances(n), job, total);
                        assertThat(split.keySet()).containsExactlyInAnyOrderElementsOf(instances(n));
                        List<Integer> all = new ArrayList<>();
                        split.values().forEach(all::addAll);
                        assertThat(all).hasSize(total);
                        assertThat(new TreeSet<>(all)).hasSize(total).first().isEqualTo(0);
                        int max = split.values().stream().mapToInt(List::size).max().orElse(0);
                        int min = split.values().stream().mapToInt(List::size).min().orElse(0);
                        assertThat(max - min).as("%s %s %d/%d", strategy.getType(), job, n, total).isLessThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void odevityReversesTheInstancesForAnOddHash() {
        List<JobInstance> three = instances(3);
        String odd = "a"; // 'a' = 97
        String even = "b"; // 98
        assertThat(new OdevityJobShardingStrategy().sharding(three, odd, 3).get(three.get(2))).containsExactly(0);
        assertThat(new OdevityJobShardingStrategy().sharding(three, even, 3).get(three.get(0))).containsExactly(0);
    }

    @Test
    void roundRobinRotatesByTheJobNameHash() {
        List<JobInstance> three = instances(3);
        // "a".hashCode() = 97, 97 mod 3 = 1: the second instance comes first
        assertThat(new RoundRobinJobShardingStrategy().sharding(three, "a", 3).get(three.get(1))).containsExactly(0);
        // Integer.MIN_VALUE mod 3 = 1 with floorMod, never a negative offset
        assertThat(new RoundRobinJobShardingStrategy().sharding(three, "polygenelubricants", 3).get(three.get(1))).containsExactly(0);
    }

    @Test
    void serverIpIsTheWholeIpBeforeTheDelimiterIncludingIpv6() {
        assertThat(new JobInstance("10.0.0.1@-@12").getServerIp()).isEqualTo("10.0.0.1");
        assertThat(new JobInstance("10.0.0.12@-@12").getServerIp()).isNotEqualTo(new JobInstance("10.0.0.1@-@12").getServerIp());
        assertThat(new JobInstance("fe80::1%eth0@-@123-2").getServerIp()).isEqualTo("fe80::1%eth0");
        assertThat(new JobInstance("10.0.0.1@-@12")).isNotEqualTo(new JobInstance("10.0.0.1@-@12-2"));
    }

    @Test
    void strategiesAreFoundByTypeAndAnUnknownTypeNamesTheKnownOnes() {
        assertThat(Types.require(JobShardingStrategy.class, "avg_allocation", "jobShardingStrategyType"))
                .isInstanceOf(AverageAllocationJobShardingStrategy.class);
        assertThat(TypedServices.find(JobShardingStrategy.class, "ODEVITY")).containsInstanceOf(OdevityJobShardingStrategy.class);
        assertThat(TypedServices.find(JobShardingStrategy.class, "NOPE")).isEmpty();
        assertThatThrownBy(() -> Types.require(JobShardingStrategy.class, "NOPE", "jobShardingStrategyType"))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("jobShardingStrategyType").hasMessageContaining("AVG_ALLOCATION").hasMessageContaining("ROUND_ROBIN");
    }
}
