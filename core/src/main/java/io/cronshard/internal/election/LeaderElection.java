package io.cronshard.internal.election;

import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * Leader election of one job through Curator's {@link LeaderLatch} on
 * {@code leader/election/latch}; the leader announces itself in the ephemeral
 * {@code leader/election/instance}. Nothing here waits for leadership: the latch calls back
 * on the given executor.
 */
public final class LeaderElection implements Closeable, CacheListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private final String instanceId;
    private final LeaderLatch latch;
    private final Executor executor;

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param instanceId this instance
     * @param onLeadership called (on {@code executor}) each time this instance becomes leader
     * @param executor where latch callbacks run
     */
    public LeaderElection(CuratorFramework client, JobNodePaths paths, String instanceId, Runnable onLeadership, Executor executor) {
        this.client = client;
        this.paths = paths;
        this.instanceId = instanceId;
        this.executor = executor;
        this.latch = new LeaderLatch(client, paths.full(JobNodePaths.ELECTION_LATCH), instanceId, LeaderLatch.CloseMode.SILENT);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("Job '{}': instance {} is the leader", paths.getJobName(), instanceId);
                announce();
                onLeadership.run();
            }

            @Override
            public void notLeader() {
                LOG.info("Job '{}': instance {} is no longer the leader", paths.getJobName(), instanceId);
            }
        }, executor);
    }

    /**
     * Joins the election.
     *
     * @throws Exception when the latch cannot start
     */
    public void start() throws Exception {
        latch.start();
    }

    /** @return whether this instance holds leadership now */
    public boolean isLeader() {
        return latch.hasLeadership();
    }

    /** @return the full path of this instance's latch node, for fencing the leader's writes; null when it has none */
    public String latchNodePath() {
        return latch.getOurPath();
    }

    /** @return which cache paths this part follows: the leader's announcement */
    public static boolean follows(String relative) {
        return relative.equals(JobNodePaths.ELECTION_INSTANCE);
    }

    /** The announcement went (its session ended, or an operator removed it): the leader writes it again. */
    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type == ChangeType.DELETED) {
            executor.execute(this::announce);
        }
    }

    /** Writes this instance's id to {@code leader/election/instance} while it leads. */
    public void announce() {
        if (!latch.hasLeadership()) {
            return;
        }
        String path = paths.full(JobNodePaths.ELECTION_INSTANCE);
        byte[] data = instanceId.getBytes(StandardCharsets.UTF_8);
        try {
            client.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
        } catch (Exception ex) {
            LOG.warn("Job '{}': cannot announce leader {}: {}", paths.getJobName(), instanceId, ex.toString());
        }
    }

    @Override
    public void close() throws IOException {
        boolean wasLeader = latch.hasLeadership();
        latch.close();
        if (wasLeader) {
            try {
                String path = paths.full(JobNodePaths.ELECTION_INSTANCE);
                byte[] data = client.getData().forPath(path);
                if (instanceId.equals(new String(data, StandardCharsets.UTF_8))) {
                    client.delete().forPath(path);
                }
            } catch (KeeperException.NoNodeException gone) {
                LOG.debug("Leader node of job '{}' was already gone", paths.getJobName());
            } catch (Exception ex) {
                LOG.debug("Cannot remove leader node of job '{}': {}", paths.getJobName(), ex.toString());
            }
        }
    }
}
