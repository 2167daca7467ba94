package io.cronshard.benchmarks.support;

import io.cronshard.reg.CoordinatorRegistryCenter;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a job's current split from ZooKeeper ({@code /{job}/sharding/{item}/instance}) through a
 * registry center of the harness's own, outside the measured windows.
 */
public final class ShardingView {

    private final CoordinatorRegistryCenter regCenter;

    /**
     * @param regCenter an initialised registry center in the job's namespace
     */
    public ShardingView(CoordinatorRegistryCenter regCenter) {
        this.regCenter = regCenter;
    }

    /**
     * @param job the job
     * @param items its sharding total count
     * @return item → owner instance id; items without an owner are left out
     */
    public Map<Integer, String> owners(String job, int items) {
        Map<Integer, String> result = new TreeMap<>();
        for (int item = 0; item < items; item++) {
            String owner = regCenter.get("/" + job + "/sharding/" + item + "/instance");
            if (owner != null && !owner.isEmpty()) {
                result.put(item, owner);
            }
        }
        return result;
    }

    /**
     * Waits until every item has an owner and {@code instances} distinct instances own items.
     *
     * @param job the job
     * @param items its sharding total count
     * @param instances how many owners to expect
     * @param timeoutMillis how long to wait
     * @return the split
     */
    public Map<Integer, String> awaitSplit(String job, int items, int instances, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Map<Integer, String> owners = owners(job, items);
            long distinct = owners.values().stream().distinct().count();
            if (owners.size() == items && distinct == Math.min(items, instances)) {
                return owners;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Job '" + job + "' was not split over " + instances + " instances in time: " + owners);
            }
            Thread.sleep(50);
        }
    }
}
