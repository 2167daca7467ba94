package io.cronshard.sharding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AVG_ALLOCATION}, the default: each instance, in the order given, takes
 * {@code total / n} consecutive items; the remaining {@code total % n} items go one each to the
 * first instances. 3 instances × 10 items → [0,1,2,9], [3,4,5], [6,7,8].
 */
public final class AverageAllocationJobShardingStrategy implements JobShardingStrategy {

    /** The type name. */
    public static final String TYPE = "AVG_ALLOCATION";

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount) {
        return allocate(jobInstances, shardingTotalCount);
    }

    static Map<JobInstance, List<Integer>> allocate(List<JobInstance> jobInstances, int shardingTotalCount) {
        Map<JobInstance, List<Integer>> result = new LinkedHashMap<>();
        int n = jobInstances.size();
        if (n == 0) {
            return result;
        }
        int each = shardingTotalCount / n;
        List<List<Integer>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> items = new ArrayList<>(each + 1);
            for (int item = i * each; item < (i + 1) * each; item++) {
                items.add(item);
            }
            lists.add(items);
        }
        for (int rest = n * each, i = 0; rest < shardingTotalCount; rest++, i++) {
            lists.get(i).add(rest);
        }
        for (int i = 0; i < n; i++) {
            result.put(jobInstances.get(i), Collections.unmodifiableList(lists.get(i)));
        }
        return result;
    }
}
