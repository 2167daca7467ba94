package io.cronshard.internal.lifecycle;

import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.ServerBriefInfo;
import io.cronshard.lifecycle.ServerStatisticsAPI;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.lifecycle.ShardingStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import io.cronshard.sharding.JobInstance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The read side of the operations API: jobs, servers and sharding items, read from ZooKeeper on each call. */
final class StatisticsAPIImpl extends RegistryBackedAPI implements JobStatisticsAPI, ServerStatisticsAPI, ShardingStatisticsAPI {

    /**
     * @param regCenter an initialised registry center
     * @param owned whether {@link #close()} closes it
     */
    public StatisticsAPIImpl(CoordinatorRegistryCenter regCenter, boolean owned) {
        super(regCenter, owned);
    }

    @Override
    public int getJobsTotalCount() {
        return jobs().size();
    }

    @Override
    public Collection<JobBriefInfo> getAllJobsBriefInfo() {
        List<JobBriefInfo> result = new ArrayList<>();
        snapshots().forEach(each -> result.add(each.brief()));
        return result;
    }

    @Override
    public JobBriefInfo getJobBriefInfo(String jobName) {
        JobSnapshot snapshot = snapshot(jobName);
        return snapshot == null ? null : snapshot.brief();
    }

    @Override
    public Collection<JobBriefInfo> getJobsBriefInfo(String ip) {
        List<JobBriefInfo> result = new ArrayList<>();
        for (JobSnapshot each : snapshots()) {
            if (each.hasServer(ip)) {
                result.add(each.brief());
            }
        }
        return result;
    }

    @Override
    public int getServersTotalCount() {
        return getAllServersBriefInfo().size();
    }

    @Override
    public Collection<ServerBriefInfo> getAllServersBriefInfo() {
        Map<String, Set<String>> instances = new TreeMap<>();
        Map<String, Set<String>> jobs = new TreeMap<>();
        Map<String, Integer> disabled = new TreeMap<>();
        Map<String, Integer> crashed = new TreeMap<>();
        for (JobSnapshot job : snapshots()) {
            Set<String> ips = new TreeSet<>(job.serverDisabled.keySet());
            job.instances.forEach(each -> ips.add(new JobInstance(each).getServerIp()));
            for (String ip : ips) {
                jobs.computeIfAbsent(ip, key -> new TreeSet<>()).add(job.jobName);
                instances.computeIfAbsent(ip, key -> new TreeSet<>());
                if (job.serverDisabled.getOrDefault(ip, false)) {
                    disabled.merge(ip, 1, Integer::sum);
                }
                boolean live = false;
                for (String instance : job.instances) {
                    if (new JobInstance(instance).getServerIp().equals(ip)) {
                        instances.get(ip).add(instance);
                        live = true;
                    }
                }
                if (!live) {
                    crashed.merge(ip, 1, Integer::sum);
                }
            }
        }
        List<ServerBriefInfo> result = new ArrayList<>();
        jobs.forEach((ip, names) -> result.add(new ServerBriefInfo(ip, instances.get(ip), names,
                disabled.getOrDefault(ip, 0), crashed.getOrDefault(ip, 0))));
        return result;
    }

    @Override
    public Collection<ShardingInfo> getShardingInfo(String jobName) {
        JobSnapshot snapshot = snapshot(jobName);
        return snapshot == null ? List.of() : List.copyOf(snapshot.items);
    }

    private List<String> jobs() {
        try {
            return JobSnapshot.jobNames(client());
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot list the jobs", ex);
        }
    }

    private List<JobSnapshot> snapshots() {
        List<JobSnapshot> result = new ArrayList<>();
        for (String job : jobs()) {
            JobSnapshot each = snapshot(job);
            if (each != null) {
                result.add(each);
            }
        }
        return result;
    }

    private JobSnapshot snapshot(String jobName) {
        try {
            return JobSnapshot.read(client(), jobName);
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot read job '" + jobName + "'", ex);
        }
    }
}
