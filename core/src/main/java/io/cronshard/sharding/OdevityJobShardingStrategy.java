package io.cronshard.sharding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code ODEVITY}: like {@code AVG_ALLOCATION}, over the instances in reverse order when the job
 * name's hash code is odd, so that jobs with few items do not all land on the first instance.
 */
public final class OdevityJobShardingStrategy implements JobShardingStrategy {

    /** The type name. */
    public static final String TYPE = "ODEVITY";

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount) {
        List<JobInstance> ordered = new ArrayList<>(jobInstances);
        if ((jobName.hashCode() & 1) == 1) {
            Collections.reverse(ordered);
        }
        return AverageAllocationJobShardingStrategy.allocate(ordered, shardingTotalCount);
    }
}
