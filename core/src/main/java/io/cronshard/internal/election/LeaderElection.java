package io.cronshard.internal.election;

import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election of one job on a single ephemeral node: the instance that creates
 * {@code leader/election/instance} (holding its id) leads until that node goes — with its session,
 * at its shutdown, or by an operator. The same transaction bumps the version of the folder
 * {@code leader/election}: that version is the leader's <b>epoch</b>, and every write the leader
 * makes as leader checks it ({@link #fence()}), so a leader that lost its leadership (its session
 * expired, another instance leads now) can never write a split or a failover entry again.
 *
 * <p>Nothing waits: the others learn that the node went from the job's cache (they follow it) and
 * try at once; the one whose transaction lands leads. A leader that loses contact with ZooKeeper
 * stops leading at once; when the same session is back and its node is still there, it leads again
 * under a new epoch. Two nodes per job — the folder and the node — where Curator's {@code LeaderLatch}
 * needs a latch folder and a node per participant besides, and a watch per participant.
 */
public final class LeaderElection implements Closeable, CacheListener, ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    private static final byte[] EMPTY = new byte[0];

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private final String instanceId;
    private final byte[] instanceIdBytes;
    private final Runnable onLeadership;
    private final Executor executor;
    private final AtomicBoolean trying = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int epoch = -1;

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param instanceId this instance
     * @param onLeadership called (on {@code executor}) each time this instance becomes leader
     * @param executor where the election's work and callbacks run (the job's coordination executor)
     */
    public LeaderElection(CuratorFramework client, JobNodePaths paths, String instanceId, Runnable onLeadership, Executor executor) {
        this.client = client;
        this.paths = paths;
        this.instanceId = instanceId;
        this.instanceIdBytes = instanceId.getBytes(StandardCharsets.UTF_8);
        this.onLeadership = onLeadership;
        this.executor = executor;
    }

    /** Joins the election: tries to lead now, and whenever the leader's node goes. */
    public void start() {
        client.getConnectionStateListenable().addListener(this);
        tryToLead();
    }

    /** @return whether this instance leads now */
    public boolean isLeader() {
        return epoch >= 0;
    }

    /**
     * @return the check every write of the leader carries: the election folder still at this
     *         leader's epoch
     * @throws IllegalStateException when this instance does not lead
     * @throws Exception when the operation cannot be built
     */
    public CuratorOp fence() throws Exception {
        int current = epoch;
        if (current < 0) {
            throw new IllegalStateException("Instance " + instanceId + " does not lead job '" + paths.getJobName() + "'");
        }
        return client.transactionOp().check().withVersion(current).forPath(paths.full(JobNodePaths.ELECTION));
    }

    /** @return which cache paths this part follows: the leader's node */
    public static boolean follows(String relative) {
        return relative.equals(JobNodePaths.ELECTION_INSTANCE);
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type == ChangeType.DELETED) {
            if (epoch >= 0) {
                stepDown("its node " + JobNodePaths.ELECTION_INSTANCE + " was removed");
            }
            executor.execute(this::tryToLead);
        }
    }

    @Override
    public void reloaded() {
        executor.execute(this::tryToLead);
    }

    @Override
    public void stateChanged(CuratorFramework changed, ConnectionState state) {
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
            if (epoch >= 0) {
                stepDown("it lost contact with ZooKeeper");
            }
        } else if (state == ConnectionState.RECONNECTED) {
            executor.execute(this::resume);
        }
    }

    /** Creates the leader's node and bumps the epoch in one transaction; a node already there means another leads. */
    private void tryToLead() {
        if (closed.get() || epoch >= 0 || !trying.compareAndSet(false, true)) {
            return;
        }
        try {
            client.transaction().inBackground((c, event) -> {
                trying.set(false);
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) {
                    event.getOpResults().stream().filter(each -> each.getType() == OperationType.SET_DATA).findFirst()
                            .ifPresent(each -> executor.execute(() -> led(each.getResultStat().getVersion())));
                } else if (rc != KeeperException.Code.NODEEXISTS.intValue()) {
                    LOG.debug("Job '{}': instance {} could not run for leader now: {}", paths.getJobName(), instanceId, KeeperException.Code.get(rc));
                }
            }).forOperations(
                    client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.full(JobNodePaths.ELECTION_INSTANCE), instanceIdBytes),
                    client.transactionOp().setData().forPath(paths.full(JobNodePaths.ELECTION), EMPTY));
        } catch (Exception ex) {
            trying.set(false);
            LOG.debug("Job '{}': instance {} could not run for leader now", paths.getJobName(), instanceId, ex);
        }
    }

    /** The same session is back: its node, when still there, makes this instance lead again under a new epoch. */
    private void resume() {
        if (closed.get() || epoch >= 0) {
            return;
        }
        try {
            ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
            Stat stat = handle.exists(raw(JobNodePaths.ELECTION_INSTANCE), false);
            if (stat == null) {
                tryToLead();
                return;
            }
            if (stat.getEphemeralOwner() != handle.getSessionId()) {
                return;
            }
            List<OpResult> results = handle.multi(List.of(Op.check(raw(JobNodePaths.ELECTION_INSTANCE), stat.getVersion()),
                    Op.setData(raw(JobNodePaths.ELECTION), EMPTY, -1)));
            led(((OpResult.SetDataResult) results.get(1)).getStat().getVersion());
        } catch (KeeperException.NoNodeException gone) {
            tryToLead();
        } catch (Exception ex) {
            LOG.debug("Job '{}': instance {} could not resume its leadership", paths.getJobName(), instanceId, ex);
        }
    }

    private synchronized void led(int newEpoch) {
        if (closed.get()) {
            // won after it left the election (its answer was on its way): give the node back at once
            releaseNode();
            return;
        }
        epoch = newEpoch;
        LOG.info("Job '{}': instance {} is the leader", paths.getJobName(), instanceId);
        onLeadership.run();
    }

    private void stepDown(String why) {
        epoch = -1;
        LOG.info("Job '{}': instance {} is no longer the leader: {}", paths.getJobName(), instanceId, why);
    }

    /** Leaves the election; a leader deletes its node, so that another instance leads at once. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.getConnectionStateListenable().removeListener(this);
        boolean wasLeader = epoch >= 0;
        epoch = -1;
        if (wasLeader) {
            releaseNode();
        }
    }

    /** Deletes the leader's node when this session holds it. */
    private void releaseNode() {
        try {
            ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
            Stat stat = handle.exists(raw(JobNodePaths.ELECTION_INSTANCE), false);
            if (stat != null && stat.getEphemeralOwner() == handle.getSessionId()) {
                handle.delete(raw(JobNodePaths.ELECTION_INSTANCE), stat.getVersion());
            }
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
            LOG.debug("Leader node of job '{}' was already gone", paths.getJobName());
        } catch (Exception ex) {
            LOG.debug("Cannot remove leader node of job '{}': {}", paths.getJobName(), ex.toString());
        }
    }

    private String raw(String relative) {
        return ZKPaths.fixForNamespace(client.getNamespace(), paths.full(relative));
    }
}
