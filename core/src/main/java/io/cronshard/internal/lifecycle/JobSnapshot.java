package io.cronshard.internal.lifecycle;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.config.JobConfigurationJson;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.sharding.JobInstance;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the operations API reads of one job, read once: configuration, servers, live instances,
 * the split and its marks. Statuses are derived here, in one place.
 */
final class JobSnapshot {

    final String jobName;
    final JobConfiguration config;
    final Map<String, Boolean> serverDisabled = new TreeMap<>();
    final Set<String> instances = new HashSet<>();
    final List<ShardingInfo> items = new ArrayList<>();
    final boolean reshardingDue;

    private JobSnapshot(CuratorFramework client, String jobName) throws Exception {
        this.jobName = jobName;
        JobNodePaths paths = new JobNodePaths(jobName);
        JobConfiguration parsed;
        try {
            parsed = JobConfigurationJson.fromJson(jobName, utf8(client.getData().forPath(paths.full(JobNodePaths.CONFIG))));
        } catch (JobConfigurationException invalid) {
            parsed = null;
        }
        this.config = parsed;
        for (String server : children(client, paths.full(JobNodePaths.SERVERS))) {
            serverDisabled.put(server, JobNodePaths.DISABLED.equals(data(client, paths.full(JobNodePaths.server(server)))));
        }
        instances.addAll(children(client, paths.full(JobNodePaths.INSTANCES)));
        this.reshardingDue = client.checkExists().forPath(paths.full(JobNodePaths.SHARDING_NECESSARY)) != null;
        int total = config == null ? 0 : config.getShardingTotalCount();
        boolean jobDisabled = config != null && (config.isDisabled() || everyLiveServerDisabled());
        for (int item = 0; item < total; item++) {
            Set<String> marks = new HashSet<>(children(client, paths.full(JobNodePaths.item(item))));
            String owner = marks.contains("instance") ? data(client, paths.full(JobNodePaths.itemInstance(item))) : "";
            boolean live = owner != null && instances.contains(owner);
            ShardingInfo.ShardingStatus status;
            if (marks.contains("disabled") || jobDisabled && !marks.contains("running")) {
                status = ShardingInfo.ShardingStatus.DISABLED;
            } else if (marks.contains("running")) {
                status = ShardingInfo.ShardingStatus.RUNNING;
            } else if (!live) {
                status = ShardingInfo.ShardingStatus.SHARDING_FLAG;
            } else {
                status = ShardingInfo.ShardingStatus.PENDING;
            }
            String owned = owner == null ? "" : owner;
            items.add(new ShardingInfo(item, owned.isEmpty() ? "" : new JobInstance(owned).getServerIp(), owned, status,
                    marks.contains("failover"), marks.contains("misfire"), marks.contains("overdue"), marks.contains("checkpoint")));
        }
    }

    /**
     * @return the job's snapshot, or null when the job has no configuration
     */
    static JobSnapshot read(CuratorFramework client, String jobName) throws Exception {
        if (client.checkExists().forPath("/" + jobName + "/" + JobNodePaths.CONFIG) == null) {
            return null;
        }
        try {
            return new JobSnapshot(client, jobName);
        } catch (KeeperException.NoNodeException removedMeanwhile) {
            return null;
        }
    }

    /** @return the jobs of the namespace: its top-level nodes that hold a configuration */
    static List<String> jobNames(CuratorFramework client) throws Exception {
        List<String> result = new ArrayList<>();
        for (String each : children(client, "/")) {
            if (client.checkExists().forPath("/" + each + "/" + JobNodePaths.CONFIG) != null) {
                result.add(each);
            }
        }
        result.sort(null);
        return result;
    }

    /** @return whether there are live instances and every one of them is on a disabled server */
    private boolean everyLiveServerDisabled() {
        if (instances.isEmpty()) {
            return false;
        }
        for (String instance : instances) {
            if (!serverDisabled.getOrDefault(new JobInstance(instance).getServerIp(), false)) {
                return false;
            }
        }
        return true;
    }

    JobStatus status() {
        if (instances.isEmpty()) {
            return JobStatus.CRASHED;
        }
        if (config == null || config.isDisabled() || everyLiveServerDisabled()) {
            return JobStatus.DISABLED;
        }
        if (reshardingDue || items.stream().anyMatch(each -> each.status() == ShardingInfo.ShardingStatus.SHARDING_FLAG)) {
            return JobStatus.SHARDING_FLAG;
        }
        return JobStatus.OK;
    }

    JobBriefInfo brief() {
        return new JobBriefInfo(jobName, status(), config == null ? "" : config.getDescription(), config == null ? null : config.getCron(),
                instances.size(), config == null ? 0 : config.getShardingTotalCount());
    }

    boolean hasServer(String ip) {
        return serverDisabled.containsKey(ip) || instances.stream().anyMatch(each -> new JobInstance(each).getServerIp().equals(ip));
    }

    private static List<String> children(CuratorFramework client, String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return List.of();
        }
    }

    private static String data(CuratorFramework client, String path) throws Exception {
        try {
            return utf8(client.getData().forPath(path));
        } catch (KeeperException.NoNodeException gone) {
            return null;
        }
    }

    private static String utf8(byte[] data) {
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }
}
