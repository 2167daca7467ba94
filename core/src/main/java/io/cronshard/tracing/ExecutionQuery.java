package io.cronshard.tracing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What to read from {@code JOB_EXECUTION_LOG}: filters (all optional, combined with AND), order and
 * page. Built with {@link #newBuilder()}; the builder refuses unknown sort fields, sources and bad
 * pages with an {@link IllegalArgumentException}. Newest first (by start time) unless told otherwise.
 * <pre>{@code
 * ExecutionQuery query = ExecutionQuery.newBuilder().jobName("orders").success(false)
 *         .startTimeFrom(Instant.now().minus(Duration.ofDays(1))).page(1).pageSize(50).build();
 * }</pre>
 */
public final class ExecutionQuery {

    /** Rows per page by default. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Most rows per page. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Sort field names accepted (property or column spelling) → the column sorted by. */
    static final Map<String, String> SORT_COLUMNS = Map.ofEntries(
            Map.entry("startTime", "start_time"), Map.entry("start_time", "start_time"),
            Map.entry("completeTime", "complete_time"), Map.entry("complete_time", "complete_time"),
            Map.entry("jobName", "job_name"), Map.entry("job_name", "job_name"),
            Map.entry("shardingItem", "sharding_item"), Map.entry("sharding_item", "sharding_item"),
            Map.entry("instanceId", "instance_id"), Map.entry("instance_id", "instance_id"),
            Map.entry("ip", "ip"), Map.entry("hostname", "hostname"),
            Map.entry("success", "is_success"), Map.entry("is_success", "is_success"),
            Map.entry("executionSource", "execution_source"), Map.entry("execution_source", "execution_source"));

    private final String jobName;
    private final String taskId;
    private final String instanceId;
    private final String ip;
    private final String hostname;
    private final Integer shardingItem;
    private final String executionSource;
    private final Boolean success;
    private final Instant startTimeFrom;
    private final Instant startTimeTo;
    private final String sortColumn;
    private final boolean ascending;
    private final int page;
    private final int pageSize;

    private ExecutionQuery(Builder builder) {
        jobName = builder.jobName;
        taskId = builder.taskId;
        instanceId = builder.instanceId;
        ip = builder.ip;
        hostname = builder.hostname;
        shardingItem = builder.shardingItem;
        executionSource = builder.executionSource;
        success = builder.success;
        startTimeFrom = builder.startTimeFrom;
        startTimeTo = builder.startTimeTo;
        sortColumn = builder.sortColumn;
        ascending = builder.ascending;
        page = builder.page;
        pageSize = builder.pageSize;
    }

    /** @return a builder matching everything, newest first, page 1 of {@value #DEFAULT_PAGE_SIZE} */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** @return the sort field names {@link Builder#sortBy(String, String)} accepts */
    public static Set<String> sortFields() {
        return SORT_COLUMNS.keySet();
    }

    /** @return the job, or null for all */
    public String getJobName() {
        return jobName;
    }

    /** @return the task id, or null for all */
    public String getTaskId() {
        return taskId;
    }

    /** @return the instance, or null for all */
    public String getInstanceId() {
        return instanceId;
    }

    /** @return the server ip, or null for all */
    public String getIp() {
        return ip;
    }

    /** @return the host name, or null for all */
    public String getHostname() {
        return hostname;
    }

    /** @return the item, or null for all */
    public Integer getShardingItem() {
        return shardingItem;
    }

    /** @return NORMAL, MISFIRE, FAILOVER, MANUAL, or null for all */
    public String getExecutionSource() {
        return executionSource;
    }

    /** @return true for successes, false for failures, null for both */
    public Boolean getSuccess() {
        return success;
    }

    /** @return the earliest start time (inclusive), or null */
    public Instant getStartTimeFrom() {
        return startTimeFrom;
    }

    /** @return the start time bound (exclusive), or null */
    public Instant getStartTimeTo() {
        return startTimeTo;
    }

    /** @return the column sorted by */
    public String getSortColumn() {
        return sortColumn;
    }

    /** @return whether oldest/smallest first */
    public boolean isAscending() {
        return ascending;
    }

    /** @return the page, from 1 */
    public int getPage() {
        return page;
    }

    /** @return rows per page */
    public int getPageSize() {
        return pageSize;
    }

    /** Builds an {@link ExecutionQuery}; blank strings mean "no filter". */
    public static final class Builder {

        private String jobName;
        private String taskId;
        private String instanceId;
        private String ip;
        private String hostname;
        private Integer shardingItem;
        private String executionSource;
        private Boolean success;
        private Instant startTimeFrom;
        private Instant startTimeTo;
        private String sortColumn = "start_time";
        private boolean ascending;
        private int page = 1;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        /**
         * @param jobName only this job's executions
         * @return this
         */
        public Builder jobName(String jobName) {
            this.jobName = QuerySupport.blankToNull(jobName);
            return this;
        }

        /**
         * @param taskId only this fire's executions
         * @return this
         */
        public Builder taskId(String taskId) {
            this.taskId = QuerySupport.blankToNull(taskId);
            return this;
        }

        /**
         * @param instanceId only this instance's executions
         * @return this
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = QuerySupport.blankToNull(instanceId);
            return this;
        }

        /**
         * @param ip only executions on this server ip
         * @return this
         */
        public Builder ip(String ip) {
            this.ip = QuerySupport.blankToNull(ip);
            return this;
        }

        /**
         * @param hostname only executions on this host
         * @return this
         */
        public Builder hostname(String hostname) {
            this.hostname = QuerySupport.blankToNull(hostname);
            return this;
        }

        /**
         * @param shardingItem only this item's executions; null for all
         * @return this
         */
        public Builder shardingItem(Integer shardingItem) {
            this.shardingItem = shardingItem;
            return this;
        }

        /**
         * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL (any case); null for all
         * @return this
         * @throws IllegalArgumentException for another value
         */
        public Builder executionSource(String executionSource) {
            this.executionSource = QuerySupport.oneOf("executionSource", executionSource, QuerySupport.SOURCES);
            return this;
        }

        /**
         * @param success true for successes only, false for failures only, null for both
         * @return this
         */
        public Builder success(Boolean success) {
            this.success = success;
            return this;
        }

        /**
         * @param from only executions started at or after this instant; null for no bound
         * @return this
         */
        public Builder startTimeFrom(Instant from) {
            this.startTimeFrom = from;
            return this;
        }

        /**
         * @param to only executions started before this instant; null for no bound
         * @return this
         */
        public Builder startTimeTo(Instant to) {
            this.startTimeTo = to;
            return this;
        }

        /**
         * @param field one of {@link ExecutionQuery#sortFields()}, e.g. {@code startTime} or {@code start_time}
         * @param order ASC or DESC (any case); null or blank for DESC
         * @return this
         * @throws IllegalArgumentException for another field or order
         */
        public Builder sortBy(String field, String order) {
            this.sortColumn = QuerySupport.sortColumn(field, SORT_COLUMNS);
            this.ascending = QuerySupport.ascending(order);
            return this;
        }

        /**
         * @param page the page, from 1
         * @return this
         * @throws IllegalArgumentException below 1
         */
        public Builder page(int page) {
            this.page = QuerySupport.page(page);
            return this;
        }

        /**
         * @param pageSize rows per page, 1 to {@value ExecutionQuery#MAX_PAGE_SIZE}
         * @return this
         * @throws IllegalArgumentException outside that range
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = QuerySupport.pageSize(pageSize, MAX_PAGE_SIZE);
            return this;
        }

        /**
         * @return the query
         * @throws IllegalArgumentException when the time range is reversed
         */
        public ExecutionQuery build() {
            QuerySupport.range("startTime", startTimeFrom, startTimeTo);
            return new ExecutionQuery(this);
        }
    }
}
