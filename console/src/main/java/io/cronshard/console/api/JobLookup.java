package io.cronshard.console.api;

import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;

/** Finds a job and one of its items for a request, or answers 404. */
final class JobLookup {

    private JobLookup() {
    }

    /**
     * @param regCenter the registry center
     * @param job the job's name
     * @return the job
     * @throws ApiException 404 when there is no such job
     */
    static JobBriefInfo brief(CoordinatorRegistryCenter regCenter, String job) {
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(regCenter)) {
            JobBriefInfo result = api.getJobBriefInfo(job);
            if (result == null) {
                throw ApiException.notFound("No job named '" + job + "'");
            }
            return result;
        }
    }

    /**
     * @param brief the job
     * @param item an item number
     * @throws ApiException 404 for an item outside {@code 0…shardingTotalCount-1}
     */
    static void requireItem(JobBriefInfo brief, int item) {
        if (item < 0 || item >= brief.shardingTotalCount()) {
            throw ApiException.notFound("Job '" + brief.jobName() + "' has items 0 to " + (brief.shardingTotalCount() - 1));
        }
    }
}
