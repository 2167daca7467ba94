package io.cronshard.internal.instance;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.config.ConfigurationService;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.ReshardingFlag;
import io.cronshard.reg.RegistryCenterException;
import io.cronshard.sharding.JobInstance;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

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
     * The first half of a registration, in one multi-read: reads what the job's subtree holds
     * (the stored configuration, instances, the election and resharding folders) — or, for a job
     * the namespace's snapshot does not list, nothing — lets {@code configService} choose the
     * configuration to run with and {@code check} refuse it, picks this instance's id and prepares
     * the transaction that {@link #write} sends: the missing folders, the configuration (when none
     * is stored, or with {@code overwrite}), the ephemeral instance node and the resharding request.
     * No server node: {@code servers/{ip}} is written only by operators (to disable a server).
     * Nothing is written.
     *
     * <p>The id is {@code {ip}@-@{pid}}, then {@code …-2}, {@code …-3} when this JVM runs the job
     * more than once: the first that is neither registered nor {@code reserve}d by another
     * instance of the job in this JVM (whose registration may not be written yet). A second
     * {@code prepare} (after {@link Outcome#CHANGED}) keeps the id.
     *
     * @param configService chooses the configuration
     * @param local the configuration given to the bootstrap (already validated)
     * @param check refuses a configuration (by throwing) before anything is written
     * @param reserve reserves an id for this instance within the JVM; false when another has it
     * @param namespace the namespace's snapshot, null to read the job's subtree (a registration prepared again)
     * @return the prepared registration
     */
    public Prepared prepare(ConfigurationService configService, JobConfiguration local, Consumer<JobConfiguration> check,
                            Predicate<String> reserve, NamespaceSnapshot namespace) {
        String base = serverIp + JobInstance.DELIMITER + ProcessHandle.current().pid();
        try {
            SubtreeState state = namespace != null && namespace.claimNew(paths.getJobName()) ? SubtreeState.absent()
                    : SubtreeState.read(client, paths);
            if (!state.latchParticipants().isEmpty()) {
                throw new RegistryCenterException("Job '" + paths.getJobName() + "' is run by instances of an earlier Cronshard version: "
                        + state.latchParticipants().size() + " take part in its election through Curator's LeaderLatch under "
                        + paths.full(JobNodePaths.ELECTION_LATCH) + ", which this version does not use. Stop them, or upgrade every"
                        + " instance of the job together, then start this one");
            }
            JobConfiguration effective = configService.choose(local, state.configJson());
            check.accept(effective);
            String candidate = instanceId;
            if (candidate == null) {
                candidate = base;
                for (int n = 2; state.instances().contains(candidate) || !reserve.test(candidate); n++) {
                    candidate = base + "-" + n;
                }
            }
            List<CuratorOp> ops = new ArrayList<>();
            for (String folder : FOLDERS) {
                if (!state.exists(folder)) {
                    ops.add(client.transactionOp().create().forPath(paths.full(folder), EMPTY));
                }
            }
            byte[] configData = configService.toWrite(local, state.configJson());
            if (configData != null) {
                ops.add(state.configJson() == null
                        ? client.transactionOp().create().forPath(paths.full(JobNodePaths.CONFIG), configData)
                        : client.transactionOp().setData().withVersion(state.configVersion()).forPath(paths.full(JobNodePaths.CONFIG), configData));
            }
            ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.full(JobNodePaths.instance(candidate)), EMPTY));
            ops.addAll(ReshardingFlag.raise(client, paths, state.reshardingFlag()));
            instanceId = candidate;
            return new Prepared(effective, ops);
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot register an instance of job '" + paths.getJobName() + "'", ex);
        }
    }

    /** A registration read and decided, ready to be written. */
    public static final class Prepared {

        private final JobConfiguration configuration;
        private final List<CuratorOp> ops;

        Prepared(JobConfiguration configuration, List<CuratorOp> ops) {
            this.configuration = configuration;
            this.ops = ops;
        }

        /** @return the configuration the job will run with */
        public JobConfiguration configuration() {
            return configuration;
        }
    }

    /** How a registration's write ended. */
    public enum Outcome {
        /** Registered. */
        REGISTERED,
        /** The subtree changed since it was read (another instance started at once): prepare again. */
        CHANGED,
        /** ZooKeeper refused or could not be reached. */
        FAILED
    }

    /**
     * Sends a prepared registration's transaction without waiting for it.
     *
     * @param prepared what {@link #prepare} returned
     * @param done called with the outcome, on the ZooKeeper event thread
     */
    public void write(Prepared prepared, Consumer<Outcome> done) {
        try {
            client.transaction().inBackground((c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) {
                    done.accept(Outcome.REGISTERED);
                } else if (rc == KeeperException.Code.NODEEXISTS.intValue() || rc == KeeperException.Code.NONODE.intValue()
                        || rc == KeeperException.Code.BADVERSION.intValue()) {
                    done.accept(Outcome.CHANGED);
                } else {
                    LOG.warn("Registering instance {} of job '{}' failed: {}", instanceId, paths.getJobName(), KeeperException.Code.get(rc));
                    done.accept(Outcome.FAILED);
                }
            }).forOperations(prepared.ops);
        } catch (Exception ex) {
            LOG.warn("Registering instance {} of job '{}' failed: {}", instanceId, paths.getJobName(), ex.toString());
            done.accept(Outcome.FAILED);
        }
    }

    /** Folders a registration creates when missing, parents first. */
    private static final List<String> FOLDERS = List.of("", JobNodePaths.INSTANCES, JobNodePaths.LEADER, JobNodePaths.ELECTION);

    /**
     * Compares this machine's clock with the creation time ZooKeeper stamped on the instance
     * node; one read, only when {@code maxTimeDiffSeconds >= 0}. Unregisters before it throws.
     *
     * @param maxTimeDiffSeconds the allowed difference, -1 for no check
     * @throws IllegalStateException when the clocks differ by more
     */
    public void checkClock(int maxTimeDiffSeconds) {
        if (maxTimeDiffSeconds < 0) {
            return;
        }
        Stat stat;
        try {
            stat = client.checkExists().forPath(paths.full(JobNodePaths.instance(instanceId)));
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot read the instance node of job '" + paths.getJobName() + "'", ex);
        }
        long diff = stat == null ? 0L : Math.abs(clock.getAsLong() - stat.getCtime());
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

    /**
     * Deletes the instance node when this session holds it; nothing happens when it is gone or
     * held by another session (another instance, or this one's previous session).
     */
    public void unregister() {
        unregister(false);
    }

    /**
     * Deletes the instance node when this session holds it; nothing happens when it is gone or
     * held by another session (another instance, or this one's previous session).
     *
     * @param askForResplit also create {@code leader/sharding/necessary} in the same transaction (when
     *                      other instances remain), so that no fire or one-off run of theirs starts
     *                      with the split that still names this instance
     */
    public void unregister(boolean askForResplit) {
        if (instanceId == null) {
            return;
        }
        try {
            String path = paths.full(JobNodePaths.instance(instanceId));
            Stat stat = client.checkExists().forPath(path);
            if (stat == null || stat.getEphemeralOwner() != client.getZookeeperClient().getZooKeeper().getSessionId()) {
                return;
            }
            if (askForResplit) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    List<CuratorOp> ops = new ArrayList<>();
                    ops.add(client.transactionOp().delete().withVersion(stat.getVersion()).forPath(path));
                    ops.addAll(ReshardingFlag.raise(client, paths, ReshardingFlag.read(client, paths)));
                    try {
                        client.transaction().forOperations(ops);
                        return;
                    } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException flagChangedMeanwhile) {
                        LOG.debug("The resharding flag of job '{}' changed meanwhile", paths.getJobName());
                    }
                }
            }
            client.delete().withVersion(stat.getVersion()).forPath(path);
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
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

    private void requestResharding() throws Exception {
        ReshardingFlag.raise(client, paths);
    }

    static String utf8(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
