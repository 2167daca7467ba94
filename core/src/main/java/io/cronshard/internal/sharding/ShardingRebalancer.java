package io.cronshard.internal.sharding;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.common.Texts;
import io.cronshard.internal.common.Types;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.instance.LiveInstances;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.ReshardingFlag;
import io.cronshard.internal.storage.TransactionBudget;
import io.cronshard.sharding.JobInstance;
import io.cronshard.sharding.JobShardingStrategy;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The leader's side of sharding: computes the split with the job's strategy over the live
 * instances on enabled servers, in the order they joined, and writes what changed
 * ({@link ShardingPlan}) in one transaction — the owners, the removal of items beyond
 * {@code shardingTotalCount} and of the resharding request — guarded by a check that the leader's
 * latch node still exists, so that a deposed leader cannot write. Idempotent: when the stored split
 * is already right, nothing is written (except clearing a resharding request).
 */
public final class ShardingRebalancer {

    private static final Logger LOG = LoggerFactory.getLogger(ShardingRebalancer.class);

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final LeaderElection election;
    private JobShardingStrategy strategy;

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param election this instance's election
     */
    public ShardingRebalancer(JobScope scope, Supplier<JobConfiguration> config, LeaderElection election) {
        this.scope = scope;
        this.config = config;
        this.election = election;
    }

    /**
     * Reshards when this instance leads and the split is not what it should be. Call from the
     * job's serial coordination executor only.
     *
     * @return false when the write was refused, or held back because the cache was a step behind: try again once it caught up
     */
    public boolean rebalance() {
        CacheView cache = scope.cache();
        if (!election.isLeader() || !cache.isLoaded() || !cache.exists(JobNodePaths.CONFIG)) {
            // not the leader, not loaded yet (the load's end asks again), or the job is being removed
            return true;
        }
        // the flag first: the instances read after it include every one whose registration raised it
        CachedNode requested = cache.get(JobNodePaths.SHARDING_NECESSARY);
        if (requested != null && requested.getStat() != null && !cache.isCaughtUpWith(requested.getStat().getMzxid())) {
            // the flag was read at a version newer than the changes applied so far (or a reload is
            // under way): the instance that raised it may not be in view yet, and clearing the flag
            // would settle a split without it
            LOG.debug("Job '{}': the resharding flag is ahead of the cached instances; resharding once they caught up", scope.jobName());
            return false;
        }
        JobConfiguration current = config.get();
        int total = current.getShardingTotalCount();
        List<JobInstance> eligible = LiveInstances.eligible(cache);
        Map<Integer, String> target = new TreeMap<>();
        if (!eligible.isEmpty()) {
            Map<Integer, String> currentOwners = new TreeMap<>();
            for (int item = 0; item < total; item++) {
                String owner = cache.getData(JobNodePaths.itemInstance(item));
                if (owner != null && !owner.isEmpty()) {
                    currentOwners.put(item, owner);
                }
            }
            strategy(current).sharding(eligible, scope.jobName(), total, currentOwners)
                    .forEach((instance, items) -> items.forEach(item -> target.put(item, instance.getJobInstanceId())));
        }
        ShardingPlan plan = ShardingPlan.of(cache, total, target);
        if (plan.steps().isEmpty() && requested == null) {
            return true;
        }
        try {
            write(plan, requested);
            if (plan.changed()) {
                LOG.info("Job '{}' resharded {} over {}: {}", scope.jobName(), Texts.plural(total, "item"),
                        Texts.plural(eligible.size(), "instance"), describe(target));
            }
            return true;
        } catch (Exception ex) {
            LOG.debug("Resharding job '{}' did not apply: {}", scope.jobName(), ex.toString());
            return false;
        }
    }

    /**
     * Writes the split and clears the resharding request at the version seen (a request raised
     * meanwhile, by an instance this view may not include yet, refuses the write), fenced by the
     * leader's latch node. A split too large for one transaction is written in several while the
     * request stands: no instance starts a fire while it does, so none ever runs with a half-written
     * split.
     */
    private void write(ShardingPlan plan, CachedNode requested) throws Exception {
        List<CuratorOp> changes = new ArrayList<>(plan.steps().size());
        for (ShardingPlan.Step step : plan.steps()) {
            changes.add(curatorOp(step));
        }
        List<List<CuratorOp>> groups = TransactionBudget.group(changes, op -> List.of(op.get()));
        if (groups.isEmpty()) {
            groups = List.of(List.of());
        }
        for (int i = 0; i < groups.size(); i++) {
            List<CuratorOp> ops = new ArrayList<>(groups.get(i));
            if (i == 0 && groups.size() > 1 && requested == null) {
                ops.addAll(0, ReshardingFlag.raise(scope.client(), scope.paths(),
                        new ReshardingFlag.State(scope.cache().exists(ReshardingFlag.FOLDER), false)));
            }
            if (i == groups.size() - 1 && (requested != null || groups.size() > 1)) {
                // raised by this leader just now: version 0
                ops.addAll(ReshardingFlag.clear(scope.client(), scope.paths(), requested == null ? 0 : requested.version()));
            }
            ops.add(election.fence());
            scope.client().transaction().forOperations(ops);
        }
        if (groups.size() > 1) {
            LOG.info("Job '{}': the split was written in {} transactions behind the resharding flag", scope.jobName(), groups.size());
        }
    }

    private CuratorOp curatorOp(ShardingPlan.Step step) throws Exception {
        String path = scope.paths().full(step.path());
        return switch (step.kind()) {
            case CREATE -> step.data() == null ? scope.client().transactionOp().create().forPath(path)
                    : scope.client().transactionOp().create().forPath(path, step.data().getBytes(StandardCharsets.UTF_8));
            case SET -> scope.client().transactionOp().setData().withVersion(step.version())
                    .forPath(path, step.data().getBytes(StandardCharsets.UTF_8));
            case DELETE -> scope.client().transactionOp().delete().forPath(path);
        };
    }

    private JobShardingStrategy strategy(JobConfiguration current) {
        if (strategy == null || !strategy.getType().equalsIgnoreCase(current.getJobShardingStrategyType())) {
            strategy = Types.require(JobShardingStrategy.class, current.getJobShardingStrategyType(), "jobShardingStrategyType");
        }
        return strategy;
    }

    /** @return owner → its items, runs of consecutive items written as ranges once a list is long */
    private static Map<String, String> describe(Map<Integer, String> target) {
        Map<String, List<Integer>> byOwner = new TreeMap<>();
        target.forEach((item, owner) -> byOwner.computeIfAbsent(owner, key -> new ArrayList<>()).add(item));
        Map<String, String> result = new TreeMap<>();
        byOwner.forEach((owner, items) -> result.put(owner, Texts.items(items)));
        return result;
    }
}
