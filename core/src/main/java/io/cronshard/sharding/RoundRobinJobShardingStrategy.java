package io.cronshard.sharding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ROUND_ROBIN}: like {@code AVG_ALLOCATION}, over the instances rotated left by the job
 * name's hash code modulo their number, so that jobs spread their first items over different instances.
 */
public final class RoundRobinJobShardingStrategy implements JobShardingStrategy {

    /** The type name. */
    public static final String TYPE = "ROUND_ROBIN";

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount) {
        int n = jobInstances.size();
        List<JobInstance> rotated = new ArrayList<>(n);
        if (n > 0) {
            int offset = Math.floorMod(jobName.hashCode(), n);
            for (int i = 0; i < n; i++) {
                rotated.add(jobInstances.get((offset + i) % n));
            }
        }
        return AverageAllocationJobShardingStrategy.allocate(rotated, shardingTotalCount);
    }
}
