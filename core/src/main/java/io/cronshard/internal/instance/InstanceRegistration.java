package io.cronshard.internal.instance;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.RegistryCenterException;
import io.cronshard.sharding.JobInstance;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * This instance's nodes: the ephemeral {@code instances/{id}}, the persistent
 * {@code servers/{ip}} (created when missing, never overwritten, so an operator's DISABLED
 * survives restarts) and the request for resharding a newcomer makes.
 */
public final class InstanceRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistration.class);
    private static final byte[] EMPTY = new byte[0];

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private final String serverIp;
    private final LongSupplier clock;
    private volatile String instanceId;

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param serverIp this machine's ip
     */
    public InstanceRegistration(CuratorFramework client, JobNodePaths paths, String serverIp) {
        this(client, paths, serverIp, System::currentTimeMillis);
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param serverIp this machine's ip
     * @param clock this machine's clock, in milliseconds, compared with ZooKeeper's at registration
     */
    public InstanceRegistration(CuratorFramework client, JobNodePaths paths, String serverIp, LongSupplier clock) {
        this.client = client;
        this.paths = paths;
        this.serverIp = serverIp;
        this.clock = clock;
    }

    /**
     * Registers a new instance: picks an id unique among the job's live instances
     * ({@code {ip}@-@{pid}}, then {@code …-2}, {@code …-3} when this JVM runs the job more than
     * once), creates its node, the server node and the resharding request.
     *
     * @param maxTimeDiffSeconds the allowed clock difference to ZooKeeper, -1 for no check
     * @return the instance id
     */
    public String register(int maxTimeDiffSeconds) {
        String base = serverIp + JobInstance.DELIMITER + ProcessHandle.current().pid();
        try {
            ensureServer();
            Stat stat = new Stat();
            for (int n = 1; ; n++) {
                String candidate = n == 1 ? base : base + "-" + n;
                try {
                    client.create().storingStatIn(stat).creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                            .forPath(paths.full(JobNodePaths.instance(candidate)), EMPTY);
                    instanceId = candidate;
                    break;
                } catch (KeeperException.NodeExistsException taken) {
                    LOG.debug("Instance id {} of job '{}' is taken", candidate, paths.getJobName());
                }
            }
            checkClock(stat, maxTimeDiffSeconds);
            requestResharding();
            return instanceId;
        } catch (IllegalStateException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot register an instance of job '" + paths.getJobName() + "'", ex);
        }
    }

    private void checkClock(Stat stat, int maxTimeDiffSeconds) {
        if (maxTimeDiffSeconds < 0) {
            return;
        }
        long diff = Math.abs(clock.getAsLong() - stat.getCtime());
        if (diff > maxTimeDiffSeconds * 1000L) {
            unregister();
            throw new IllegalStateException("The clock of this machine differs from ZooKeeper's by " + diff
                    + " ms, more than maxTimeDiffSeconds=" + maxTimeDiffSeconds + " of job '" + paths.getJobName() + "'");
        }
    }

    /**
     * After a new session or a reconnection: creates the instance node again under the same id
     * when it is gone, the server node when it is gone, and asks for resharding. While the node
     * is still held by this instance's previous session (the server has not expired it yet), it
     * is left alone: the server deletes it together with the old session's running marks, which
     * is how the others see that those items were cut short (see failover), and this instance
     * registers once it is gone.
     *
     * @return whether the instance is registered under the current session
     * @throws Exception when ZooKeeper cannot be written
     */
    public boolean reRegister() throws Exception {
        ensureServer();
        String path = paths.full(JobNodePaths.instance(instanceId));
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        Stat existing = client.checkExists().forPath(path);
        if (existing != null) {
            if (existing.getEphemeralOwner() == session) {
                return true;
            }
            LOG.info("Job '{}': instance {} registers again once ZooKeeper has expired its previous session", paths.getJobName(), instanceId);
            return false;
        }
        try {
            client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(path, EMPTY);
            LOG.info("Job '{}' registered instance {} again", paths.getJobName(), instanceId);
            requestResharding();
            return true;
        } catch (KeeperException.NodeExistsException previousSession) {
            return false;
        }
    }

    /** Deletes the instance node; nothing happens when it is gone. */
    public void unregister() {
        if (instanceId == null) {
            return;
        }
        try {
            client.delete().forPath(paths.full(JobNodePaths.instance(instanceId)));
        } catch (KeeperException.NoNodeException gone) {
            LOG.debug("Instance node {} of job '{}' was already gone", instanceId, paths.getJobName());
        } catch (Exception ex) {
            LOG.warn("Cannot delete instance node {} of job '{}'; it goes with the session: {}", instanceId, paths.getJobName(), ex.toString());
        }
    }

    /**
     * Clears an operation written on the instance node.
     *
     * @param version the version the operation was read at
     */
    public void clearOperation(int version) {
        try {
            client.setData().withVersion(version).forPath(paths.full(JobNodePaths.instance(instanceId)), EMPTY);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
            LOG.debug("Instance node {} of job '{}' changed before its operation was cleared", instanceId, paths.getJobName());
        } catch (Exception ex) {
            LOG.warn("Cannot clear the operation on instance node {} of job '{}': {}", instanceId, paths.getJobName(), ex.toString());
        }
    }

    /** @return this instance's id, null before {@link #register} */
    public String getInstanceId() {
        return instanceId;
    }

    /** @return this machine's ip */
    public String getServerIp() {
        return serverIp;
    }

    private void ensureServer() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.server(serverIp)), EMPTY);
        } catch (KeeperException.NodeExistsException kept) {
            LOG.debug("Server node {} of job '{}' exists; its state is kept", serverIp, paths.getJobName());
        }
    }

    private void requestResharding() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(paths.full(JobNodePaths.SHARDING_NECESSARY), EMPTY);
        } catch (KeeperException.NodeExistsException already) {
            LOG.debug("Resharding of job '{}' was already requested", paths.getJobName());
        }
    }

    static String utf8(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
