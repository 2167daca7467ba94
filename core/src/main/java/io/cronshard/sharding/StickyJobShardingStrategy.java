package io.cronshard.sharding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code STICKY}: balanced like {@code AVG_ALLOCATION} (every instance gets
 * {@code total / n} or one more item), but on a change of membership every item that can stay
 * with its current owner stays, and only the fewest items needed to balance move. For example,
 * 12 items going from 4 to 5 instances: 2 items move (AVG_ALLOCATION moves 9). Without a current
 * split it splits as {@code AVG_ALLOCATION}.
 */
public final class StickyJobShardingStrategy implements JobShardingStrategy {

    /** The type name. */
    public static final String TYPE = "STICKY";

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount) {
        return AverageAllocationJobShardingStrategy.allocate(jobInstances, shardingTotalCount);
    }

    @Override
    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount,
                                                    Map<Integer, String> currentOwners) {
        int n = jobInstances.size();
        if (n == 0) {
            return new LinkedHashMap<>();
        }
        Map<String, List<Integer>> kept = new HashMap<>();
        jobInstances.forEach(each -> kept.put(each.getJobInstanceId(), new ArrayList<>()));
        if (currentOwners.values().stream().noneMatch(kept::containsKey)) {
            return AverageAllocationJobShardingStrategy.allocate(jobInstances, shardingTotalCount);
        }
        List<Integer> free = new ArrayList<>();
        for (int item = 0; item < shardingTotalCount; item++) {
            List<Integer> owned = kept.get(currentOwners.get(item));
            if (owned == null) {
                free.add(item);
            } else {
                owned.add(item);
            }
        }
        // the instances holding the most items get the larger quotas, so that the fewest items move
        List<JobInstance> byHolding = new ArrayList<>(jobInstances);
        byHolding.sort(Comparator.comparingInt((JobInstance each) -> -kept.get(each.getJobInstanceId()).size()));
        int base = shardingTotalCount / n;
        int larger = shardingTotalCount % n;
        Map<String, Integer> quota = new HashMap<>();
        for (int i = 0; i < n; i++) {
            quota.put(byHolding.get(i).getJobInstanceId(), base + (i < larger ? 1 : 0));
        }
        for (JobInstance each : jobInstances) {
            List<Integer> owned = kept.get(each.getJobInstanceId());
            int limit = quota.get(each.getJobInstanceId());
            while (owned.size() > limit) {
                free.add(owned.remove(owned.size() - 1));
            }
        }
        Collections.sort(free);
        int next = 0;
        for (JobInstance each : jobInstances) {
            List<Integer> owned = kept.get(each.getJobInstanceId());
            int limit = quota.get(each.getJobInstanceId());
            while (owned.size() < limit && next < free.size()) {
                owned.add(free.get(next++));
            }
        }
        Map<JobInstance, List<Integer>> result = new LinkedHashMap<>();
        for (JobInstance each : jobInstances) {
            List<Integer> owned = kept.get(each.getJobInstanceId());
            Collections.sort(owned);
            result.put(each, Collections.unmodifiableList(owned));
        }
        return result;
    }
}
