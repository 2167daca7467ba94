package io.cronshard.internal.sharding;

import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.storage.JobNodePaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The writes that turn the split stored in ZooKeeper (as the cache shows it) into a target split —
 * a pure computation, tested without ZooKeeper: the owners that change (set at the version seen,
 * so that a stale leader's write is refused), the items that are new (created with their folder)
 * and the items beyond {@code shardingTotalCount} that no longer run (deleted with their marks).
 * Nothing when the stored split is already the target.
 *
 * @param steps the writes, in the order to apply them
 * @param changed whether any owner changes (beyond creating the {@code sharding} folder)
 */
record ShardingPlan(List<Step> steps, boolean changed) {

    /** One write: create a node (with data), set its data at a version, or delete it. */
    public record Step(Kind kind, String path, String data, int version) {

        /** The kind of write. */
        public enum Kind { CREATE, SET, DELETE }
    }

    /**
     * @param cache the job's subtree
     * @param total the item count
     * @param target item → owner instance id; items without an entry get no owner ("")
     * @return the plan
     */
    public static ShardingPlan of(CacheView cache, int total, Map<Integer, String> target) {
        List<Step> steps = new ArrayList<>();
        boolean changed = false;
        if (!cache.exists(JobNodePaths.SHARDING)) {
            steps.add(new Step(Step.Kind.CREATE, JobNodePaths.SHARDING, null, -1));
        }
        for (int item = 0; item < total; item++) {
            String owner = target.getOrDefault(item, "");
            CachedNode node = cache.get(JobNodePaths.itemInstance(item));
            if (node == null) {
                if (!cache.exists(JobNodePaths.item(item))) {
                    steps.add(new Step(Step.Kind.CREATE, JobNodePaths.item(item), null, -1));
                }
                steps.add(new Step(Step.Kind.CREATE, JobNodePaths.itemInstance(item), owner, -1));
                changed = true;
            } else if (!owner.equals(node.getData())) {
                steps.add(new Step(Step.Kind.SET, JobNodePaths.itemInstance(item), owner, node.version()));
                changed = true;
            }
        }
        for (String child : cache.getChildren(JobNodePaths.SHARDING)) {
            int item = JobNodePaths.itemOf(JobNodePaths.SHARDING + "/" + child);
            if (item >= total && !cache.exists(JobNodePaths.itemRunning(item))) {
                for (String leaf : cache.getChildren(JobNodePaths.item(item))) {
                    steps.add(new Step(Step.Kind.DELETE, JobNodePaths.item(item) + "/" + leaf, null, -1));
                }
                steps.add(new Step(Step.Kind.DELETE, JobNodePaths.item(item), null, -1));
                changed = true;
            }
        }
        return new ShardingPlan(steps, changed);
    }
}
