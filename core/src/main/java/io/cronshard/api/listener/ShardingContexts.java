package io.cronshard.api.listener;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one fire of a job runs on this instance: the items it starts here and their parameters.
 * Immutable; passed to {@link JobListener}s before and after the fire.
 */
public final class ShardingContexts {

    private final String taskId;
    private final String jobName;
    private final int shardingTotalCount;
    private final String jobParameter;
    private final Map<Integer, String> shardingItemParameterMap;
    private final String executionSource;

    /**
     * @param taskId the id of this fire, unique per fire and instance
     * @param jobName the job
     * @param shardingTotalCount how many items the job has
     * @param jobParameter the job's parameter
     * @param shardingItemParameterMap the items this fire runs here → their parameters, in item order
     * @param executionSource why the fire runs: NORMAL, MISFIRE, FAILOVER or MANUAL
     */
    public ShardingContexts(String taskId, String jobName, int shardingTotalCount, String jobParameter,
                            Map<Integer, String> shardingItemParameterMap, String executionSource) {
        this.taskId = taskId;
        this.jobName = jobName;
        this.shardingTotalCount = shardingTotalCount;
        this.jobParameter = jobParameter;
        this.shardingItemParameterMap = Collections.unmodifiableMap(new LinkedHashMap<>(shardingItemParameterMap));
        this.executionSource = executionSource;
    }

    /** @return the id of this fire */
    public String getTaskId() {
        return taskId;
    }

    /** @return the job */
    public String getJobName() {
        return jobName;
    }

    /** @return how many items the job has */
    public int getShardingTotalCount() {
        return shardingTotalCount;
    }

    /** @return the job's parameter, empty when unset */
    public String getJobParameter() {
        return jobParameter;
    }

    /** @return the items run here by this fire → their parameters (empty string when unset) */
    public Map<Integer, String> getShardingItemParameterMap() {
        return shardingItemParameterMap;
    }

    /** @return NORMAL (the cron), MISFIRE (a make-up run), FAILOVER (items of a crashed instance) or MANUAL (a trigger) */
    public String getExecutionSource() {
        return executionSource;
    }

    @Override
    public String toString() {
        return "ShardingContexts{taskId=" + taskId + ", items=" + shardingItemParameterMap.keySet() + ", source=" + executionSource + '}';
    }
}
