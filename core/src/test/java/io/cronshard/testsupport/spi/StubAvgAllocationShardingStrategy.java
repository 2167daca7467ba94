package io.cronshard.testsupport.spi;

import io.cronshard.sharding.JobInstance;
import io.cronshard.sharding.JobShardingStrategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST-ONLY stand-in for the built-in {@code AVG_ALLOCATION} strategy, so that default configurations
 * validate before the real implementation is merged. DELETE this class and its
 * {@code META-INF/services} entry when the real built-in strategies are merged.
 */
public final class StubAvgAllocationShardingStrategy implements JobShardingStrategy {

    @Override
    public String getType() {
        return "AVG_ALLOCATION";
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount) {
        Map<JobInstance, List<Integer>> result = new LinkedHashMap<>();
        jobInstances.forEach(each -> result.put(each, new ArrayList<>()));
        for (int item = 0; item < shardingTotalCount; item++) {
            result.get(jobInstances.get(item * jobInstances.size() / shardingTotalCount)).add(item);
        }
        return result;
    }
}
