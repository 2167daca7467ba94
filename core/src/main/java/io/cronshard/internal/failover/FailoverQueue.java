package io.cronshard.internal.failover;

import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.instance.LiveInstances;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.TransactionBudget;
import io.cronshard.sharding.JobInstance;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's side of failover: queues the items a crashed instance was running under
 * {@code leader/failover/items/{item}}, each naming the survivor that is to run it (spread over
 * the live instances on enabled servers, in join order), and names another survivor when the
 * named one is gone too. One transaction per change, guarded by the leader's latch node.
 */
public final class FailoverQueue {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverQueue.class);

    private final JobScope scope;
    private final LeaderElection election;
    private final Set<Integer> pending = new TreeSet<>();

    /**
     * @param scope where the job instance lives
     * @param election this instance's election
     */
    public FailoverQueue(JobScope scope, LeaderElection election) {
        this.scope = scope;
        this.election = election;
    }

    /**
     * Remembers items to fail over; the leader writes them at its next {@link #flush()}.
     *
     * @param items items a crashed instance was running
     */
    public synchronized void add(Collection<Integer> items) {
        pending.addAll(items);
    }

    /**
     * The leader queued an item: nothing to remember for it any more.
     *
     * @param item the queued item
     */
    public synchronized void queued(int item) {
        pending.remove(item);
    }

    /**
     * On the leader: queues the remembered items and re-assigns queued items whose named survivor
     * is gone. Elsewhere: forgets remembered items the leader has queued meanwhile. Call from the
     * job's serial coordination executor.
     *
     * @return false when the write was refused (usually because the cache was a step behind): try again once it caught up
     */
    public boolean flush() {
        CacheView cache = scope.cache();
        List<JobInstance> survivors = LiveInstances.eligible(cache);
        Set<String> live = new TreeSet<>();
        survivors.forEach(each -> live.add(each.getJobInstanceId()));
        List<Integer> toQueue;
        synchronized (this) {
            pending.removeIf(item -> cache.exists(JobNodePaths.failoverEntry(item)));
            toQueue = new ArrayList<>(pending);
        }
                if (!election.isLeader() || survivors.isEmpty() || !cache.exists(JobNodePaths.CONFIG)) {
            return true;
        }
        List<CuratorOp> ops = new ArrayList<>();
        List<String> described = new ArrayList<>();
        try {
            if (!toQueue.isEmpty()) {
                if (!cache.exists("leader/failover")) {
                    ops.add(scope.client().transactionOp().create().forPath(scope.paths().full("leader/failover")));
                }
                if (!cache.exists(JobNodePaths.FAILOVER_ITEMS)) {
                    ops.add(scope.client().transactionOp().create().forPath(scope.paths().full(JobNodePaths.FAILOVER_ITEMS)));
                }
            }
            int next = 0;
            for (Integer item : toQueue) {
                String survivor = survivors.get(next++ % survivors.size()).getJobInstanceId();
                ops.add(scope.client().transactionOp().create().forPath(scope.paths().full(JobNodePaths.failoverEntry(item)), utf8(survivor)));
                described.add(item + "→" + survivor);
            }
            for (String queued : cache.getChildren(JobNodePaths.FAILOVER_ITEMS)) {
                String path = JobNodePaths.FAILOVER_ITEMS + "/" + queued;
                String named = cache.getData(path);
                if (named != null && !live.contains(named)) {
                    String survivor = survivors.get(next++ % survivors.size()).getJobInstanceId();
                    ops.add(scope.client().transactionOp().setData().forPath(scope.paths().full(path), utf8(survivor)));
                    described.add(queued + "→" + survivor);
                }
            }
            if (described.isEmpty()) {
                return true;
            }
            // entries are independent of each other: a large queue may be written in several transactions
            for (List<CuratorOp> group : TransactionBudget.group(ops, op -> List.of(op.get()))) {
                List<CuratorOp> fenced = new ArrayList<>(group);
                fenced.add(election.fence());
                scope.client().transaction().forOperations(fenced);
            }
            synchronized (this) {
                pending.removeAll(toQueue);
            }
            LOG.info("Job '{}' failing over items {}", scope.jobName(), described);
            return true;
        } catch (Exception ex) {
            LOG.debug("Queueing failover of job '{}' did not apply: {}", scope.jobName(), ex.toString());
            return false;
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
