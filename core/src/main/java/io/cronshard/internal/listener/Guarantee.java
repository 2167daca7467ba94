package io.cronshard.internal.listener;

import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.TransactionBudget;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code guarantee/started} and {@code guarantee/completed} nodes of distribute-once
 * listeners. Each instance records its items of a fire under the phase's node; the instance
 * that sees the set complete removes it in one transaction — children and node together — and
 * only the one whose transaction succeeds is "last", so exactly one instance calls back. The
 * others wait, with a one-shot watch and a timeout, for the node to go.
 */
final class Guarantee {

    static final String STARTED = "started";
    static final String COMPLETED = "completed";

    private static final Logger LOG = LoggerFactory.getLogger(Guarantee.class);
    private static final byte[] EMPTY = new byte[0];

    private final JobScope scope;

    Guarantee(JobScope scope) {
        this.scope = scope;
    }

    /**
     * @param namespacedJobRoot the job's root with the namespace, e.g. {@code /ns/job}
     * @param shardingTotalCount the job's item count
     * @return the most items whose set a transaction can record or remove at once (a margin is kept
     *         for the ACL of a digest)
     */
    static int maxItems(String namespacedJobRoot, int shardingTotalCount) {
        String path = namespacedJobRoot + "/" + JobNodePaths.GUARANTEE + "/" + COMPLETED + "/" + Math.max(0, shardingTotalCount - 1);
        int perItem = TransactionBudget.bytes(Op.create(path, EMPTY, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)) + 64;
        return TransactionBudget.MAX_TRANSACTION_BYTES / perItem;
    }

    /**
     * Records this instance's items of the fire for the phase and tells whether this instance
     * is the last to arrive; when it is not, waits (at most {@code timeoutMillis}) for the last.
     *
     * @return true on exactly one instance per complete set
     */
    boolean lastToArrive(String phase, ShardingContexts contexts, int expectedItems, long timeoutMillis) {
        String node = scope.paths().full(JobNodePaths.GUARANTEE + "/" + phase);
        try {
            record(node, contexts);
            List<String> arrived = scope.client().getChildren().forPath(node);
            if (arrived.size() >= expectedItems && removeSet(node, arrived)) {
                return true;
            }
            if (!awaitRemoval(node, timeoutMillis)) {
                LOG.warn("Job '{}': not every item reached '{}' within {} ms; the distribute-once callback of this fire is skipped",
                        scope.jobName(), phase, timeoutMillis);
                removeSet(node, scope.client().getChildren().forPath(node));
            }
        } catch (KeeperException.NoNodeException gone) {
            LOG.debug("Job '{}': the '{}' set was completed meanwhile", scope.jobName(), phase);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            LOG.warn("Job '{}': distribute-once bookkeeping for '{}' failed: {}", scope.jobName(), phase, ex.toString());
        }
        return false;
    }

    private void record(String node, ShardingContexts contexts) throws Exception {
        try {
            scope.client().create().creatingParentsIfNeeded().forPath(node, EMPTY);
        } catch (KeeperException.NodeExistsException exists) {
            LOG.trace("Guarantee node {} exists", node);
        }
        List<CuratorOp> ops = new ArrayList<>();
        for (Integer item : contexts.getShardingItemParameterMap().keySet()) {
            ops.add(scope.client().transactionOp().create().forPath(node + "/" + item, EMPTY));
        }
        if (ops.isEmpty()) {
            return;
        }
        try {
            scope.client().transaction().forOperations(ops);
        } catch (KeeperException.NodeExistsException leftOver) {
            // an item left over from a fire that timed out: record the others one by one
            for (Integer item : contexts.getShardingItemParameterMap().keySet()) {
                try {
                    scope.client().create().forPath(node + "/" + item, EMPTY);
                } catch (KeeperException.NodeExistsException already) {
                    LOG.debug("Item {} of job '{}' was already recorded", item, scope.jobName());
                }
            }
        }
    }

    /** @return whether this call removed the complete set (and so is the last to arrive) */
    private boolean removeSet(String node, List<String> arrived) {
        List<CuratorOp> ops = new ArrayList<>();
        try {
            for (String each : arrived) {
                ops.add(scope.client().transactionOp().delete().forPath(node + "/" + each));
            }
            ops.add(scope.client().transactionOp().delete().forPath(node));
            scope.client().transaction().forOperations(ops);
            return true;
        } catch (Exception lost) {
            return false;
        }
    }

    private boolean awaitRemoval(String node, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            if (scope.client().checkExists().usingWatcher((Watcher) event -> changed.countDown()).forPath(node) == null) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
    }
}
