package io.cronshard.lifecycle;

import java.util.Set;

/**
 * One server (ip) across the namespace's jobs.
 *
 * @param serverIp the ip
 * @param instances ids of the live instances on it, across jobs
 * @param jobNames jobs that have this server
 * @param disabledJobsNum jobs in which this server is disabled
 * @param crashedJobsNum jobs in which this server has no live instance
 */
public record ServerBriefInfo(String serverIp, Set<String> instances, Set<String> jobNames, int disabledJobsNum, int crashedJobsNum) {

    /** Copies the sets. */
    public ServerBriefInfo {
        instances = Set.copyOf(instances);
        jobNames = Set.copyOf(jobNames);
    }
}
