package io.cronshard.sharding;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class StickyJobShardingStrategyTest {

    private static final Logger LOG = LoggerFactory.getLogger(StickyJobShardingStrategyTest.class);

    private static List<JobInstance> instances(int n) {
        List<JobInstance> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(new JobInstance("10.0.0." + i + "@-@" + (100 + i)));
        }
        return result;
    }

    private static Map<Integer, String> owners(Map<JobInstance, List<Integer>> split) {
        Map<Integer, String> result = new HashMap<>();
        split.forEach((instance, items) -> items.forEach(item -> result.put(item, instance.getJobInstanceId())));
        return result;
    }

    private static int moved(Map<Integer, String> before, Map<Integer, String> after) {
        int result = 0;
        for (Map.Entry<Integer, String> each : after.entrySet()) {
            String previous = before.get(each.getKey());
            if (previous != null && !previous.equals(each.getValue())) {
                result++;
            }
        }
        return result;
    }

    private static void assertBalancedAndComplete(Map<JobInstance, List<Integer>> split, int total) {
        TreeSet<Integer> all = new TreeSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<Integer> items : split.values()) {
            all.addAll(items);
            min = Math.min(min, items.size());
            max = Math.max(max, items.size());
        }
        assertThat(all).hasSize(total).first().isEqualTo(0);
        assertThat(split.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    @Test
    void scalingTwelveItemsFromFourToFiveInstancesMovesAtMostThreeItems() {
        JobShardingStrategy sticky = new StickyJobShardingStrategy();
        JobShardingStrategy average = new AverageAllocationJobShardingStrategy();
        Map<Integer, String> before = owners(average.sharding(instances(4), "job", 12));

        Map<JobInstance, List<Integer>> stickySplit = sticky.sharding(instances(5), "job", 12, before);
        Map<JobInstance, List<Integer>> averageSplit = average.sharding(instances(5), "job", 12, before);

        int stickyMoved = moved(before, owners(stickySplit));
        int averageMoved = moved(before, owners(averageSplit));
        LOG.info("12 items, 4 -> 5 instances: STICKY moves {} items, AVG_ALLOCATION moves {}", stickyMoved, averageMoved);
        assertBalancedAndComplete(stickySplit, 12);
        assertThat(stickyMoved).isLessThanOrEqualTo(3);
        assertThat(averageMoved).isGreaterThan(stickyMoved);
    }

    @Test
    void anInstanceLeavingMovesOnlyItsOwnItems() {
        JobShardingStrategy sticky = new StickyJobShardingStrategy();
        List<JobInstance> five = instances(5);
        Map<Integer, String> before = owners(sticky.sharding(five, "job", 12));
        List<JobInstance> four = new ArrayList<>(five);
        JobInstance gone = four.remove(2);

        Map<Integer, String> after = owners(sticky.sharding(four, "job", 12, before));

        for (Map.Entry<Integer, String> each : before.entrySet()) {
            if (!each.getValue().equals(gone.getJobInstanceId())) {
                assertThat(after.get(each.getKey())).as("item %d", each.getKey()).isEqualTo(each.getValue());
            }
        }
        assertBalancedAndComplete(sticky.sharding(four, "job", 12, before), 12);
    }

    @Test
    void withoutACurrentSplitItSplitsLikeAverageAllocationAndIsDeterministic() {
        JobShardingStrategy sticky = new StickyJobShardingStrategy();
        assertThat(sticky.sharding(instances(3), "job", 10, Map.of()))
                .isEqualTo(new AverageAllocationJobShardingStrategy().sharding(instances(3), "job", 10));
        Map<Integer, String> current = owners(sticky.sharding(instances(3), "job", 10));
        assertThat(sticky.sharding(instances(4), "job", 10, current)).isEqualTo(sticky.sharding(instances(4), "job", 10, current));
        assertBalancedAndComplete(sticky.sharding(instances(4), "job", 10, current), 10);
        assertBalancedAndComplete(sticky.sharding(instances(7), "job", 3, current), 3);
    }
}
