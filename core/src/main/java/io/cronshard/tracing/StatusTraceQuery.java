package io.cronshard.tracing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What to read from {@code JOB_STATUS_TRACE_LOG}: filters (all optional, combined with AND), order
 * and page. Built with {@link #newBuilder()}; the builder refuses unknown sort fields, states,
 * sources and bad pages with an {@link IllegalArgumentException}. Newest first (by creation time)
 * unless told otherwise.
 * <pre>{@code
 * StatusTraceQuery query = StatusTraceQuery.newBuilder().jobName("orders").state("ERROR").build();
 * }</pre>
 */
public final class StatusTraceQuery {

    /** Rows per page by default. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Most rows per page. */
    public static final int MAX_PAGE_SIZE = 1000;

    /** Sort field names accepted (property or column spelling) → the column sorted by. */
    static final Map<String, String> SORT_COLUMNS = Map.ofEntries(
            Map.entry("creationTime", "creation_time"), Map.entry("creation_time", "creation_time"),
            Map.entry("jobName", "job_name"), Map.entry("job_name", "job_name"),
            Map.entry("state", "state"),
            Map.entry("taskId", "task_id"), Map.entry("task_id", "task_id"),
            Map.entry("instanceId", "instance_id"), Map.entry("instance_id", "instance_id"),
            Map.entry("ip", "ip"),
            Map.entry("executionSource", "execution_source"), Map.entry("execution_source", "execution_source"));

    private final String jobName;
    private final String taskId;
    private final String instanceId;
    private final String ip;
    private final String executionSource;
    private final String state;
    private final Instant creationTimeFrom;
    private final Instant creationTimeTo;
    private final String sortColumn;
    private final boolean ascending;
    private final int page;
    private final int pageSize;

    private StatusTraceQuery(Builder builder) {
        jobName = builder.jobName;
        taskId = builder.taskId;
        instanceId = builder.instanceId;
        ip = builder.ip;
        executionSource = builder.executionSource;
        state = builder.state;
        creationTimeFrom = builder.creationTimeFrom;
        creationTimeTo = builder.creationTimeTo;
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

    /** @return the task id (matched against the task id and the original task id), or null for all */
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

    /** @return NORMAL, MISFIRE, FAILOVER, MANUAL, or null for all */
    public String getExecutionSource() {
        return executionSource;
    }

    /** @return STAGING, RUNNING, FINISHED, ERROR, or null for all */
    public String getState() {
        return state;
    }

    /** @return the earliest creation time (inclusive), or null */
    public Instant getCreationTimeFrom() {
        return creationTimeFrom;
    }

    /** @return the creation time bound (exclusive), or null */
    public Instant getCreationTimeTo() {
        return creationTimeTo;
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

    /** Builds a {@link StatusTraceQuery}; blank strings mean "no filter". */
    public static final class Builder {

        private String jobName;
        private String taskId;
        private String instanceId;
        private String ip;
        private String executionSource;
        private String state;
        private Instant creationTimeFrom;
        private Instant creationTimeTo;
        private String sortColumn = "creation_time";
        private boolean ascending;
        private int page = 1;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        /**
         * @param jobName only this job's rows
         * @return this
         */
        public Builder jobName(String jobName) {
            this.jobName = QuerySupport.blankToNull(jobName);
            return this;
        }

        /**
         * @param taskId only the rows of this fire: matched against both the task id and the original task id
         * @return this
         */
        public Builder taskId(String taskId) {
            this.taskId = QuerySupport.blankToNull(taskId);
            return this;
        }

        /**
         * @param instanceId only this instance's rows
         * @return this
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = QuerySupport.blankToNull(instanceId);
            return this;
        }

        /**
         * @param ip only rows of instances on this server ip
         * @return this
         */
        public Builder ip(String ip) {
            this.ip = QuerySupport.blankToNull(ip);
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
         * @param state STAGING, RUNNING, FINISHED or ERROR (any case); null for all
         * @return this
         * @throws IllegalArgumentException for another value
         */
        public Builder state(String state) {
            this.state = QuerySupport.oneOf("state", state, QuerySupport.STATES);
            return this;
        }

        /**
         * @param from only rows created at or after this instant; null for no bound
         * @return this
         */
        public Builder creationTimeFrom(Instant from) {
            this.creationTimeFrom = from;
            return this;
        }

        /**
         * @param to only rows created before this instant; null for no bound
         * @return this
         */
        public Builder creationTimeTo(Instant to) {
            this.creationTimeTo = to;
            return this;
        }

        /**
         * @param field one of {@link StatusTraceQuery#sortFields()}, e.g. {@code creationTime}
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
         * @param pageSize rows per page, 1 to {@value StatusTraceQuery#MAX_PAGE_SIZE}
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
        public StatusTraceQuery build() {
            QuerySupport.range("creationTime", creationTimeFrom, creationTimeTo);
            return new StatusTraceQuery(this);
        }
    }
}
