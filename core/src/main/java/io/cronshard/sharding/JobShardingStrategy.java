package io.cronshard.sharding;

import io.cronshard.spi.TypedSPI;

import java.util.List;
import java.util.Map;

/**
 * Splits a job's sharding items among its live instances. Called on the leader only, whenever
 * the set of instances, their servers' enabled state or {@code shardingTotalCount} changes.
 *
 * <p>Built-in types: {@code AVG_ALLOCATION} (default), {@code ODEVITY}, {@code ROUND_ROBIN},
 * {@code STICKY}.
 * A custom strategy implements this interface, returns its name from {@link #getType()} and is
 * listed in {@code META-INF/services/io.cronshard.sharding.JobShardingStrategy}.
 */
public interface JobShardingStrategy extends TypedSPI {

    /**
     * Computes a split. Must be deterministic: the same arguments give the same split.
     *
     * @param jobInstances the live instances, in the order they joined (oldest first); never empty
     * @param jobName the job's name
     * @param shardingTotalCount how many items to split, items are {@code 0..shardingTotalCount-1}
     * @return every instance of {@code jobInstances} mapped to its items (possibly none); every item
     *         must appear exactly once
     */
    Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount);

    /**
     * Computes a split knowing the current one, for strategies that keep items where they are
     * ({@code STICKY}). The runtime calls this method; by default it ignores the current split.
     *
     * @param jobInstances the live instances, in the order they joined (oldest first); never empty
     * @param jobName the job's name
     * @param shardingTotalCount how many items to split
     * @param currentOwners item → instance id owning it now (items without a live owner may be
     *                      missing or name a gone instance)
     * @return as {@link #sharding(List, String, int)}
     */
    default Map<JobInstance, List<Integer>> sharding(List<JobInstance> jobInstances, String jobName, int shardingTotalCount,
                                                     Map<Integer, String> currentOwners) {
        return sharding(jobInstances, jobName, shardingTotalCount);
    }
}
