package io.cronshard.internal.sharding;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.job.JobScope;
import io.cronshard.internal.spi.TypedServices;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.TransactionBudget;
import io.cronshard.sharding.JobInstance;
import io.cronshard.sharding.JobShardingStrategy;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The leader's side of sharding: computes the split with the job's strategy over the live
 * instances on enabled servers, in the order they joined, and writes what changed in one
 * transaction — the owners, the removal of items beyond {@code shardingTotalCount} and of the
 * resharding request — guarded by a check that the leader's latch node still exists, so that a
 * deposed leader cannot write. Idempotent: when the stored split is already right, nothing is
 * written (except clearing a resharding request).
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
     * @return false when the write was refused (usually because the cache was a step behind): try again once it caught up
     */
    public boolean rebalance() {
        String latchNode = election.latchNodePath();
        JobTreeCache cache = scope.cache();
        if (!election.isLeader() || latchNode == null || !cache.exists(JobNodePaths.CONFIG)) {
            // not the leader, or the job is being removed: nothing may be written back
            return true;
        }
        JobConfiguration current = config.get();
        int total = current.getShardingTotalCount();
        List<JobInstance> eligible = eligibleInstances(cache);
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
        List<CuratorOp> ops = new ArrayList<>();
        boolean changed = false;
        try {
            if (!cache.exists(JobNodePaths.SHARDING)) {
                ops.add(scope.client().transactionOp().create().forPath(scope.paths().full(JobNodePaths.SHARDING)));
            }
            for (int item = 0; item < total; item++) {
                String owner = target.getOrDefault(item, "");
                byte[] data = owner.getBytes(StandardCharsets.UTF_8);
                JobTreeCache.Node node = cache.get(JobNodePaths.itemInstance(item));
                if (node == null) {
                    if (!cache.exists(JobNodePaths.item(item))) {
                        ops.add(scope.client().transactionOp().create().forPath(scope.paths().full(JobNodePaths.item(item))));
                    }
                    ops.add(scope.client().transactionOp().create().forPath(scope.paths().full(JobNodePaths.itemInstance(item)), data));
                    changed = true;
                } else if (!owner.equals(node.getData())) {
                    Stat stat = node.getStat();
                    ops.add(scope.client().transactionOp().setData().withVersion(stat == null ? -1 : stat.getVersion())
                            .forPath(scope.paths().full(JobNodePaths.itemInstance(item)), data));
                    changed = true;
                }
            }
            for (String child : cache.getChildren(JobNodePaths.SHARDING)) {
                int item = JobNodePaths.itemOf(JobNodePaths.SHARDING + "/" + child);
                if (item >= total && !cache.exists(JobNodePaths.itemRunning(item))) {
                    for (String leaf : cache.getChildren(JobNodePaths.item(item))) {
                        ops.add(scope.client().transactionOp().delete().forPath(scope.paths().full(JobNodePaths.item(item) + "/" + leaf)));
                    }
                    ops.add(scope.client().transactionOp().delete().forPath(scope.paths().full(JobNodePaths.item(item))));
                    changed = true;
                }
            }
            boolean requested = cache.exists(JobNodePaths.SHARDING_NECESSARY);
            if (ops.isEmpty() && !requested) {
                return true;
            }
            write(ops, requested, latchNode);
            if (changed) {
                LOG.info("Job '{}' resharded {} over {}: {}", scope.jobName(), plural(total, "item"), plural(eligible.size(), "instance"), describe(target));
            }
            return true;
        } catch (Exception ex) {
            LOG.debug("Resharding job '{}' did not apply: {}", scope.jobName(), ex.toString());
            return false;
        }
    }

    /**
     * Writes the split and clears the resharding request, fenced by the leader's latch node. A
     * split too large for one transaction is written in several while the request stands: no
     * instance starts a fire while it does, so none ever runs with a half-written split.
     */
    private void write(List<CuratorOp> changes, boolean requested, String latchNode) throws Exception {
        List<List<CuratorOp>> groups = TransactionBudget.group(changes, op -> List.of(op.get()));
        if (groups.isEmpty()) {
            groups = List.of(List.of());
        }
        String necessary = scope.paths().full(JobNodePaths.SHARDING_NECESSARY);
        for (int i = 0; i < groups.size(); i++) {
            List<CuratorOp> ops = new ArrayList<>(groups.get(i));
            if (i == 0 && groups.size() > 1 && !requested) {
                ops.add(0, scope.client().transactionOp().create().forPath(necessary));
            }
            if (i == groups.size() - 1 && (requested || groups.size() > 1)) {
                ops.add(scope.client().transactionOp().delete().forPath(necessary));
            }
            ops.add(scope.client().transactionOp().check().forPath(latchNode));
            scope.client().transaction().forOperations(ops);
        }
        if (groups.size() > 1) {
            LOG.info("Job '{}': the split was written in {} transactions behind the resharding flag", scope.jobName(), groups.size());
        }
    }

    private JobShardingStrategy strategy(JobConfiguration current) {
        if (strategy == null || !strategy.getType().equalsIgnoreCase(current.getJobShardingStrategyType())) {
            strategy = TypedServices.find(JobShardingStrategy.class, current.getJobShardingStrategyType(), "jobShardingStrategyType");
        }
        return strategy;
    }

    /**
     * @param cache the job's cache
     * @return live instances whose server is enabled, oldest first
     */
    public static List<JobInstance> eligibleInstances(JobTreeCache cache) {
        Set<String> disabledServers = new HashSet<>();
        for (String server : cache.getChildren(JobNodePaths.SERVERS)) {
            if (JobNodePaths.DISABLED.equals(cache.getData(JobNodePaths.server(server)))) {
                disabledServers.add(server);
            }
        }
        List<String> ids = new ArrayList<>(cache.getChildren(JobNodePaths.INSTANCES));
        ids.sort(Comparator.comparingLong((String id) -> {
            JobTreeCache.Node node = cache.get(JobNodePaths.instance(id));
            return node == null || node.getStat() == null ? Long.MAX_VALUE : node.getStat().getCzxid();
        }).thenComparing(Comparator.naturalOrder()));
        List<JobInstance> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            JobInstance instance = new JobInstance(id);
            if (!disabledServers.contains(instance.getServerIp())) {
                result.add(instance);
            }
        }
        return result;
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** @return owner → its items, runs of consecutive items written as ranges once a list is long ({@code [0-2999, 4000]}) */
    static Map<String, String> describe(Map<Integer, String> target) {
        Map<String, List<Integer>> byOwner = new TreeMap<>();
        target.forEach((item, owner) -> byOwner.computeIfAbsent(owner, key -> new ArrayList<>()).add(item));
        Map<String, String> result = new TreeMap<>();
        byOwner.forEach((owner, items) -> result.put(owner, items.size() <= 20 ? items.toString() : ranges(items)));
        return result;
    }

    private static String ranges(List<Integer> sorted) {
        StringBuilder result = new StringBuilder("[");
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            result.append(result.length() == 1 ? "" : ", ").append(first).append(first == sorted.get(i) ? "" : "-" + sorted.get(i));
        }
        return result.append(']').toString();
    }
}
