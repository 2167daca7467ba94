package io.cronshard.lifecycle;

import java.util.Objects;

/**
 * One job at a glance: name, status, description, cron, live instances and items.
 *
 * @param jobName the job
 * @param status its status
 * @param description its description
 * @param cron its cron, null for a one-off job
 * @param instanceCount live instances
 * @param shardingTotalCount items
 */
public record JobBriefInfo(String jobName, JobStatus status, String description, String cron, int instanceCount, int shardingTotalCount) {

    /** Checks the required fields. */
    public JobBriefInfo {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(status, "status");
    }
}
