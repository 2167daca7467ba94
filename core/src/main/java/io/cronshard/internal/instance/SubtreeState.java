package io.cronshard.internal.instance;

import io.cronshard.internal.storage.ReshardingFlag;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a registration needs to know of a job's subtree, read in one request (a multi-read): the
 * stored configuration, the servers, instances, leader folders and resharding request — and
 * whether this client may read them at all.
 */
final class SubtreeState {

    private static final List<String> LISTED = List.of("", JobNodePaths.SERVERS, JobNodePaths.INSTANCES, JobNodePaths.LEADER,
            ReshardingFlag.FOLDER, JobNodePaths.ELECTION, JobNodePaths.ELECTION_LATCH);

    private final Map<String, List<String>> children = new HashMap<>();
    private String configJson;
    private int configVersion = -1;

    private SubtreeState() {
    }

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @return what the subtree holds now
     * @throws RegistryCenterException when the nodes were made with another digest (NoAuth)
     * @throws Exception when ZooKeeper cannot be read
     */
    static SubtreeState read(CuratorFramework client, JobNodePaths paths) throws Exception {
        List<Op> reads = new ArrayList<>();
        for (String each : LISTED) {
            reads.add(Op.getChildren(ZKPaths.fixForNamespace(client.getNamespace(), paths.full(each))));
        }
        reads.add(Op.getData(ZKPaths.fixForNamespace(client.getNamespace(), paths.full(JobNodePaths.CONFIG))));
        // the namespace node too: a job not created yet still needs to be allowed to create under it
        reads.add(Op.getData(ZKPaths.fixForNamespace(client.getNamespace(), "/")));
        List<OpResult> results = client.getZookeeperClient().getZooKeeper().multi(reads);
        refuseWithoutAccess(client, paths, results);
        SubtreeState state = new SubtreeState();
        for (int i = 0; i < LISTED.size(); i++) {
            if (results.get(i) instanceof OpResult.GetChildrenResult listed) {
                state.children.put(LISTED.get(i), listed.getChildren());
            }
        }
        if (results.get(LISTED.size()) instanceof OpResult.GetDataResult data) {
            state.configJson = data.getData() == null ? "" : new String(data.getData(), StandardCharsets.UTF_8);
            state.configVersion = data.getStat().getVersion();
        }
        return state;
    }

    /** @return the state of a job that has no node yet */
    static SubtreeState absent() {
        return new SubtreeState();
    }

    /**
     * A node made with another digest (or without one when this client has one, the other way
     * round too) cannot be read: say so now, at the caller, rather than fail the write later in the
     * background.
     */
    private static void refuseWithoutAccess(CuratorFramework client, JobNodePaths paths, List<OpResult> results) {
        for (OpResult each : results) {
            if (each instanceof OpResult.ErrorResult error && error.getErr() == KeeperException.Code.NOAUTH.intValue()) {
                throw new RegistryCenterException("No access to job '" + paths.getJobName() + "' in namespace '" + client.getNamespace()
                        + "' on ZooKeeper '" + client.getZookeeperClient().getCurrentConnectionString()
                        + "': its nodes were created with another digest (NoAuth); give the registry center the digest they were created with");
            }
        }
    }

    /** @return the stored configuration's JSON, null when none is stored */
    String configJson() {
        return configJson;
    }

    /** @return the stored configuration's version, -1 when none is stored */
    int configVersion() {
        return configVersion;
    }

    List<String> servers() {
        return children.getOrDefault(JobNodePaths.SERVERS, List.of());
    }

    List<String> instances() {
        return children.getOrDefault(JobNodePaths.INSTANCES, List.of());
    }

    /** @return the participants of an earlier version's LeaderLatch election, none when there is no latch */
    List<String> latchParticipants() {
        return children.getOrDefault(JobNodePaths.ELECTION_LATCH, List.of());
    }

    ReshardingFlag.State reshardingFlag() {
        List<String> folder = children.get(ReshardingFlag.FOLDER);
        return new ReshardingFlag.State(folder != null, folder != null && folder.contains("necessary"));
    }

    boolean exists(String folder) {
        if (children.containsKey(folder)) {
            return true;
        }
        // a folder that is not listed exists when its parent lists it
        String parent = JobNodePaths.parentOf(folder);
        return children.getOrDefault(parent, List.of()).contains(JobNodePaths.leafOf(folder));
    }
}
