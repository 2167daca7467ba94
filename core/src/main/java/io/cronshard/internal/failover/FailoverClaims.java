package io.cronshard.internal.failover;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.execution.FireRunner;
import io.cronshard.internal.execution.RunningItems;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * This instance's side of failover: when the leader queues items under
 * {@code leader/failover/items} naming this instance, it claims all of them in one go and runs them
 * at once, beside whatever runs here already. Entries for items that no longer exist are dropped.
 */
public final class FailoverClaims implements CacheListener {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverClaims.class);

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final FailoverQueue queue;
    private final RunningItems running;
    private final FireRunner runner;
    private final BooleanSupplier mayStart;
    private final Executor coordination;

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param queue the leader's side, told when an item was queued
     * @param running the items running here
     * @param runner starts claimed items
     * @param mayStart false while no item may start
     * @param coordination the job's serial coordination executor
     */
    public FailoverClaims(JobScope scope, Supplier<JobConfiguration> config, FailoverQueue queue, RunningItems running, FireRunner runner,
                          BooleanSupplier mayStart, Executor coordination) {
        this.scope = scope;
        this.config = config;
        this.queue = queue;
        this.running = running;
        this.runner = runner;
        this.mayStart = mayStart;
        this.coordination = coordination;
    }

    /** @return which cache paths this part follows */
    public static boolean follows(String relative) {
        return relative.startsWith(JobNodePaths.FAILOVER_ITEMS + "/");
    }

    /** Claims, all at once, every queued item that names this instance and does not run here. */
    public void claim() {
        if (!mayStart.getAsBoolean()) {
            return;
        }
        Claimable found = claimable(scope.cache(), scope.instanceId(), config.get().getShardingTotalCount());
        found.dropped().forEach(this::drop);
        List<Integer> mine = new ArrayList<>();
        for (Integer item : found.items()) {
            if (!running.isRunning(item)) {
                mine.add(item);
            }
        }
        List<Integer> reserved = running.reserve(mine, true);
        if (!reserved.isEmpty()) {
            runner.start(reserved, ExecutionSource.FAILOVER, 0L);
        }
    }

    /**
     * The queued items naming this instance, split into those to claim and those whose item no
     * longer exists (beyond {@code shardingTotalCount}, or its node gone).
     *
     * @param cache the job's subtree
     * @param instanceId this instance
     * @param total the item count
     * @return both lists
     */
    static Claimable claimable(CacheView cache, String instanceId, int total) {
        List<Integer> items = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (String entry : cache.getChildren(JobNodePaths.FAILOVER_ITEMS)) {
            int item;
            try {
                item = Integer.parseInt(entry);
            } catch (NumberFormatException ex) {
                continue;
            }
            CachedNode node = cache.get(JobNodePaths.failoverEntry(item));
            if (node == null || node.getStat() == null || !instanceId.equals(node.getData())) {
                continue;
            }
            if (item >= total || !cache.exists(JobNodePaths.item(item))) {
                dropped.add(item);
            } else {
                items.add(item);
            }
        }
        return new Claimable(items, dropped);
    }

    /**
     * @param items to claim
     * @param dropped queued for items that no longer exist
     */
    record Claimable(List<Integer> items, List<Integer> dropped) {
    }

    private void drop(int item) {
        CachedNode entry = scope.cache().get(JobNodePaths.failoverEntry(item));
        try {
            scope.client().delete().withVersion(entry == null ? -1 : entry.version()).inBackground()
                    .forPath(scope.paths().full(JobNodePaths.failoverEntry(item)));
        } catch (Exception ex) {
            LOG.debug("Cannot drop failover entry {} of job '{}'", item, scope.jobName(), ex);
        }
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type == ChangeType.DELETED) {
            return;
        }
        int item;
        try {
            item = Integer.parseInt(JobNodePaths.leafOf(relative));
        } catch (NumberFormatException ex) {
            return;
        }
        queue.queued(item);
        if (node != null && scope.instanceId().equals(node.getData())) {
            coordination.execute(this::claim);
        }
    }

    @Override
    public void reloaded() {
        coordination.execute(this::claim);
    }
}
