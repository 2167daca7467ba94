package io.cronshard.api;

import io.cronshard.api.ShardingItemParameters;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.metrics.JobMetrics;
import io.cronshard.tracing.TracingConfiguration;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;

/**
 * The configuration of one job: immutable, built with {@link #newBuilder(String, int)} and
 * validated in {@link Builder#build()}. Every instance of a job shares the configuration stored
 * in ZooKeeper; see {@link Builder#overwrite(boolean)} for which one wins at start-up.
 *
 * <p>Defaults (the same from Java, Spring XML, Spring Boot and the console):
 * monitorExecution=true, failover=false, misfire=true, maxTimeDiffSeconds=-1 (no check),
 * reconcileIntervalMinutes=10, jobShardingStrategyType=AVG_ALLOCATION,
 * jobExecutorServiceHandlerType=CPU, jobErrorHandlerType=LOG, timeZone = the JVM's,
 * overwrite=false, disabled=false, itemRetries=0, itemRetryBackoffMillis=1000, itemTimeoutMillis=0 (none),
 * keepCheckpointOnSuccess=false.
 *
 * <p>{@link Builder#tracing tracing}, {@link Builder#metrics metrics} and {@link Builder#alarms alarms} are local to this JVM: they
 * are not stored in ZooKeeper and take no part in {@code equals}, {@code hashCode} or
 * {@code toString}.
 */
public final class JobConfiguration {

    /** Default sharding strategy type. */
    public static final String DEFAULT_SHARDING_STRATEGY = "AVG_ALLOCATION";
    /** Default executor service handler type. */
    public static final String DEFAULT_EXECUTOR_SERVICE_HANDLER = "CPU";
    /** Default error handler type. */
    public static final String DEFAULT_ERROR_HANDLER = "LOG";
    /** Default reconcile interval in minutes. */
    public static final int DEFAULT_RECONCILE_INTERVAL_MINUTES = 10;
    /** Default wait before an item's first retry, in milliseconds. */
    public static final long DEFAULT_ITEM_RETRY_BACKOFF_MILLIS = 1_000L;
    /** The most retries of a failed item ({@code itemRetries}). */
    public static final int MAX_ITEM_RETRIES = 100;
    /** The longest wait between two tries of an item, in milliseconds: the backoff doubles up to it. */
    public static final long MAX_ITEM_RETRY_BACKOFF_MILLIS = 60_000L;
    /** The longest {@code itemTimeoutMillis}: 7 days. */
    public static final long MAX_ITEM_TIMEOUT_MILLIS = 7L * 24 * 60 * 60 * 1000;

    /**
     * The most items a job may have. ZooKeeper answers a node's children in one response, and
     * {@code sharding/} has a child per item: 50,000 item numbers take at most 450,000 bytes, half of
     * ZooKeeper's default {@code jute.maxbuffer} (1 MiB), the margin every request Cronshard sends
     * keeps. A split or a fire with more items than one transaction holds is written in several.
     */
    public static final int MAX_SHARDING_TOTAL_COUNT = 50_000;
    /** The longest job name, in characters: it is a node name in every path of the job. */
    public static final int MAX_JOB_NAME_LENGTH = 128;
    /** The longest cron expression, in characters. */
    public static final int MAX_CRON_LENGTH = 256;
    /** The longest time zone id, in characters. */
    public static final int MAX_TIME_ZONE_LENGTH = 64;
    /** The largest {@code jobParameter}, in bytes of UTF-8 (64 KiB). */
    public static final int MAX_JOB_PARAMETER_BYTES = 65_536;
    /** The largest {@code shardingItemParameters}, in bytes of UTF-8 (128 KiB). */
    public static final int MAX_SHARDING_ITEM_PARAMETERS_BYTES = 131_072;
    /** The largest {@code description}, in bytes of UTF-8 (8 KiB). */
    public static final int MAX_DESCRIPTION_BYTES = 8_192;
    /** The most job properties. */
    public static final int MAX_PROPERTIES = 64;
    /** The longest property name, in characters. */
    public static final int MAX_PROPERTY_NAME_LENGTH = 256;
    /** The largest property value, in bytes of UTF-8 (64 KiB). */
    public static final int MAX_PROPERTY_VALUE_BYTES = 65_536;
    /** The most listener types. */
    public static final int MAX_LISTENER_TYPES = 32;
    /** The longest type name (strategy, executor service handler, error handler, listener), in characters. */
    public static final int MAX_TYPE_NAME_LENGTH = 128;
    /**
     * The largest stored form of a configuration (the {@code config} node's JSON), in bytes (256 KiB):
     * a quarter of ZooKeeper's default {@code jute.maxbuffer}, so that the transaction that registers
     * an instance or changes the configuration, which carries it, always fits.
     */
    public static final int MAX_STORED_BYTES = 262_144;

    private final String jobName;
    private final int shardingTotalCount;
    private final String cron;
    private final String timeZone;
    private final String shardingItemParameters;
    private final Map<Integer, String> shardingItemParameterMap;
    private final String jobParameter;
    private final boolean monitorExecution;
    private final boolean failover;
    private final boolean misfire;
    private final int maxTimeDiffSeconds;
    private final int reconcileIntervalMinutes;
    private final String jobShardingStrategyType;
    private final String jobExecutorServiceHandlerType;
    private final String jobErrorHandlerType;
    private final List<String> jobListenerTypes;
    private final String description;
    private final Map<String, String> props;
    private final boolean disabled;
    private final boolean overwrite;
    private final int itemRetries;
    private final long itemRetryBackoffMillis;
    private final long itemTimeoutMillis;
    private final boolean keepCheckpointOnSuccess;
    private final TracingConfiguration tracing;
    private final JobMetrics metrics;
    private final JobAlarmListener alarms;

    private JobConfiguration(Builder builder) {
        jobName = builder.jobName;
        shardingTotalCount = builder.shardingTotalCount;
        cron = builder.cron;
        timeZone = builder.timeZone;
        shardingItemParameters = builder.shardingItemParameters;
        shardingItemParameterMap = ShardingItemParameters.parse(shardingItemParameters, shardingTotalCount);
        jobParameter = builder.jobParameter;
        monitorExecution = builder.monitorExecution;
        failover = builder.failover;
        misfire = builder.misfire;
        maxTimeDiffSeconds = builder.maxTimeDiffSeconds;
        reconcileIntervalMinutes = builder.reconcileIntervalMinutes;
        jobShardingStrategyType = builder.jobShardingStrategyType;
        jobExecutorServiceHandlerType = builder.jobExecutorServiceHandlerType;
        jobErrorHandlerType = builder.jobErrorHandlerType;
        jobListenerTypes = List.copyOf(builder.jobListenerTypes);
        description = builder.description;
        props = Collections.unmodifiableMap(new LinkedHashMap<>(builder.props));
        disabled = builder.disabled;
        overwrite = builder.overwrite;
        itemRetries = builder.itemRetries;
        itemRetryBackoffMillis = builder.itemRetryBackoffMillis;
        itemTimeoutMillis = builder.itemTimeoutMillis;
        keepCheckpointOnSuccess = builder.keepCheckpointOnSuccess;
        tracing = builder.tracing;
        metrics = builder.metrics;
        alarms = builder.alarms;
    }

    /**
     * Starts a builder with every other field at its default.
     *
     * @param jobName the job's name: not blank, no '/'
     * @param shardingTotalCount how many items the job is split into, at least 1
     * @return a builder
     */
    public static Builder newBuilder(String jobName, int shardingTotalCount) {
        return new Builder(jobName, shardingTotalCount);
    }

    /** @return a builder holding this configuration's values, for a modified copy */
    public Builder toBuilder() {
        Builder result = new Builder(jobName, shardingTotalCount)
                .cron(cron).timeZone(timeZone).shardingItemParameters(shardingItemParameters).jobParameter(jobParameter)
                .monitorExecution(monitorExecution).failover(failover).misfire(misfire)
                .maxTimeDiffSeconds(maxTimeDiffSeconds).reconcileIntervalMinutes(reconcileIntervalMinutes)
                .jobShardingStrategyType(jobShardingStrategyType)
                .jobExecutorServiceHandlerType(jobExecutorServiceHandlerType)
                .jobErrorHandlerType(jobErrorHandlerType)
                .jobListenerTypes(jobListenerTypes.toArray(new String[0]))
                .description(description).disabled(disabled).overwrite(overwrite)
                .itemRetries(itemRetries).itemRetryBackoffMillis(itemRetryBackoffMillis).itemTimeoutMillis(itemTimeoutMillis)
                .keepCheckpointOnSuccess(keepCheckpointOnSuccess)
                .tracing(tracing).metrics(metrics).alarms(alarms);
        props.forEach(result::setProperty);
        return result;
    }

    /** @return the job's name */
    public String getJobName() {
        return jobName;
    }

    /** @return how many sharding items the job has */
    public int getShardingTotalCount() {
        return shardingTotalCount;
    }

    /** @return the Quartz cron expression, or null for a job run only on demand (one-off) */
    public String getCron() {
        return cron;
    }

    /** @return the time zone id the cron is read in, or null for the JVM's default */
    public String getTimeZone() {
        return timeZone;
    }

    /** @return item parameters as configured, e.g. "0=a,1=b"; empty when unset */
    public String getShardingItemParameters() {
        return shardingItemParameters;
    }

    /**
     * @return item → parameter parsed from {@link #getShardingItemParameters()}
     */
    public Map<Integer, String> getShardingItemParameterMap() {
        return shardingItemParameterMap;
    }

    /** @return the job's parameter; empty when unset */
    public String getJobParameter() {
        return jobParameter;
    }

    /** @return whether running items are marked in ZooKeeper so that no item starts twice */
    public boolean isMonitorExecution() {
        return monitorExecution;
    }

    /** @return whether items of a crashed instance are run by a survivor */
    public boolean isFailover() {
        return failover;
    }

    /** @return whether a fire missed while an item still ran is made up once after it */
    public boolean isMisfire() {
        return misfire;
    }

    /** @return the largest clock difference to ZooKeeper allowed at start, -1 for no check */
    public int getMaxTimeDiffSeconds() {
        return maxTimeDiffSeconds;
    }

    /** @return how often the leader checks the split, in minutes; 0 turns it off */
    public int getReconcileIntervalMinutes() {
        return reconcileIntervalMinutes;
    }

    /** @return the sharding strategy's type name */
    public String getJobShardingStrategyType() {
        return jobShardingStrategyType;
    }

    /** @return the executor service handler's type name */
    public String getJobExecutorServiceHandlerType() {
        return jobExecutorServiceHandlerType;
    }

    /** @return the error handler's type name */
    public String getJobErrorHandlerType() {
        return jobErrorHandlerType;
    }

    /** @return listener type names, in order; never null */
    public List<String> getJobListenerTypes() {
        return jobListenerTypes;
    }

    /** @return a free-text description; empty when unset */
    public String getDescription() {
        return description;
    }

    /** @return the job's properties (e.g. {@code script.command.line}); never null */
    public Map<String, String> getProps() {
        return props;
    }

    /**
     * @param key a property name
     * @return its value, or null
     */
    public String getProperty(String key) {
        return props.get(key);
    }

    /** @return whether the job is switched off */
    public boolean isDisabled() {
        return disabled;
    }

    /** @return whether this configuration replaces the one stored in ZooKeeper at start-up */
    public boolean isOverwrite() {
        return overwrite;
    }

    /** @return how many times an item whose body threw is run again, as the same execution, on the same instance */
    public int getItemRetries() {
        return itemRetries;
    }

    /** @return the wait before an item's first retry, in milliseconds; doubled after each try, capped at 60 s */
    public long getItemRetryBackoffMillis() {
        return itemRetryBackoffMillis;
    }

    /** @return how long an item's body may run before it is interrupted and counted as failed, in milliseconds; 0 for no limit */
    public long getItemTimeoutMillis() {
        return itemTimeoutMillis;
    }

    /** @return whether an item's checkpoint is kept when a run completes normally (by default it is cleared) */
    public boolean isKeepCheckpointOnSuccess() {
        return keepCheckpointOnSuccess;
    }

    /**
     * @return where this instance records its executions and fire states, null for nowhere (the
     *         default); local to this JVM, never stored in ZooKeeper
     */
    public TracingConfiguration getTracing() {
        return tracing;
    }

    /** @return the metrics hook of this instance, {@link JobMetrics#NONE} by default; local to this JVM */
    public JobMetrics getMetrics() {
        return metrics;
    }

    /** @return the alarm hook of this instance, {@link JobAlarmListener#NONE} by default; local to this JVM */
    public JobAlarmListener getAlarms() {
        return alarms;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobConfiguration)) {
            return false;
        }
        JobConfiguration that = (JobConfiguration) o;
        return shardingTotalCount == that.shardingTotalCount && monitorExecution == that.monitorExecution
                && failover == that.failover && misfire == that.misfire && maxTimeDiffSeconds == that.maxTimeDiffSeconds
                && reconcileIntervalMinutes == that.reconcileIntervalMinutes && disabled == that.disabled
                && overwrite == that.overwrite && itemRetries == that.itemRetries && itemRetryBackoffMillis == that.itemRetryBackoffMillis
                && itemTimeoutMillis == that.itemTimeoutMillis && keepCheckpointOnSuccess == that.keepCheckpointOnSuccess
                && jobName.equals(that.jobName) && Objects.equals(cron, that.cron)
                && Objects.equals(timeZone, that.timeZone) && shardingItemParameters.equals(that.shardingItemParameters)
                && jobParameter.equals(that.jobParameter) && jobShardingStrategyType.equals(that.jobShardingStrategyType)
                && jobExecutorServiceHandlerType.equals(that.jobExecutorServiceHandlerType)
                && jobErrorHandlerType.equals(that.jobErrorHandlerType) && jobListenerTypes.equals(that.jobListenerTypes)
                && description.equals(that.description) && props.equals(that.props);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobName, shardingTotalCount, cron, timeZone, shardingItemParameters, jobParameter, monitorExecution,
                failover, misfire, maxTimeDiffSeconds, reconcileIntervalMinutes, jobShardingStrategyType,
                jobExecutorServiceHandlerType, jobErrorHandlerType, jobListenerTypes, description, props, disabled, overwrite, itemRetries, itemRetryBackoffMillis,
                itemTimeoutMillis, keepCheckpointOnSuccess);
    }

    @Override
    public String toString() {
        return "JobConfiguration{jobName=" + jobName + ", shardingTotalCount=" + shardingTotalCount + ", cron=" + cron
                + ", timeZone=" + timeZone + ", shardingItemParameters=" + shardingItemParameters
                + ", jobParameter=" + jobParameter + ", monitorExecution=" + monitorExecution + ", failover=" + failover
                + ", misfire=" + misfire + ", maxTimeDiffSeconds=" + maxTimeDiffSeconds
                + ", reconcileIntervalMinutes=" + reconcileIntervalMinutes + ", jobShardingStrategyType=" + jobShardingStrategyType
                + ", jobExecutorServiceHandlerType=" + jobExecutorServiceHandlerType + ", jobErrorHandlerType=" + jobErrorHandlerType
                + ", jobListenerTypes=" + jobListenerTypes + ", description=" + description + ", props=" + props
                + ", disabled=" + disabled + ", overwrite=" + overwrite + ", itemRetries=" + itemRetries
                + ", itemRetryBackoffMillis=" + itemRetryBackoffMillis + ", itemTimeoutMillis=" + itemTimeoutMillis
                + ", keepCheckpointOnSuccess=" + keepCheckpointOnSuccess + '}';
    }

    /**
     * Builds a {@link JobConfiguration}. Setters only record; {@link #build()} validates every
     * field and names the first invalid one.
     */
    public static final class Builder {

        private final String jobName;
        private int shardingTotalCount;
        private String cron;
        private String timeZone;
        private String shardingItemParameters = "";
        private String jobParameter = "";
        private boolean monitorExecution = true;
        private boolean failover;
        private boolean misfire = true;
        private int maxTimeDiffSeconds = -1;
        private int reconcileIntervalMinutes = DEFAULT_RECONCILE_INTERVAL_MINUTES;
        private String jobShardingStrategyType = DEFAULT_SHARDING_STRATEGY;
        private String jobExecutorServiceHandlerType = DEFAULT_EXECUTOR_SERVICE_HANDLER;
        private String jobErrorHandlerType = DEFAULT_ERROR_HANDLER;
        private List<String> jobListenerTypes = Collections.emptyList();
        private String description = "";
        private final Map<String, String> props = new LinkedHashMap<>();
        private boolean disabled;
        private boolean overwrite;
        private int itemRetries;
        private long itemRetryBackoffMillis = DEFAULT_ITEM_RETRY_BACKOFF_MILLIS;
        private long itemTimeoutMillis;
        private boolean keepCheckpointOnSuccess;
        private TracingConfiguration tracing;
        private JobMetrics metrics = JobMetrics.NONE;
        private JobAlarmListener alarms = JobAlarmListener.NONE;

        private Builder(String jobName, int shardingTotalCount) {
            this.jobName = jobName;
            this.shardingTotalCount = shardingTotalCount;
        }

        /**
         * @param shardingTotalCount how many items the job is split into, at least 1
         * @return this
         */
        public Builder shardingTotalCount(int shardingTotalCount) {
            this.shardingTotalCount = shardingTotalCount;
            return this;
        }

        /**
         * @param cron a Quartz cron expression ("0/5 * * * * ?"); null or blank for a job run only on demand
         * @return this
         */
        public Builder cron(String cron) {
            this.cron = cron == null || cron.isBlank() ? null : cron.trim();
            return this;
        }

        /**
         * @param timeZone a time zone id such as "Asia/Shanghai" or "GMT+08:00"; null or blank for the JVM's
         * @return this
         */
        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone == null || timeZone.isBlank() ? null : timeZone.trim();
            return this;
        }

        /**
         * @param shardingItemParameters "item=parameter" pairs, comma-separated: "0=Beijing,1=Shanghai"
         * @return this
         */
        public Builder shardingItemParameters(String shardingItemParameters) {
            this.shardingItemParameters = shardingItemParameters == null ? "" : shardingItemParameters.trim();
            return this;
        }

        /**
         * @param jobParameter a parameter every item sees
         * @return this
         */
        public Builder jobParameter(String jobParameter) {
            this.jobParameter = jobParameter == null ? "" : jobParameter;
            return this;
        }

        /**
         * @param monitorExecution mark running items in ZooKeeper (default true); off saves the two
         *                         writes per fire but gives up the guarantee that an item never
         *                         runs twice at once while the split changes
         * @return this
         */
        public Builder monitorExecution(boolean monitorExecution) {
            this.monitorExecution = monitorExecution;
            return this;
        }

        /**
         * @param failover run a crashed instance's unfinished items on a survivor (default false)
         * @return this
         */
        public Builder failover(boolean failover) {
            this.failover = failover;
            return this;
        }

        /**
         * @param misfire run an item once more after a fire it missed while still running (default true)
         * @return this
         */
        public Builder misfire(boolean misfire) {
            this.misfire = misfire;
            return this;
        }

        /**
         * @param maxTimeDiffSeconds the largest difference allowed between this machine's clock and
         *                           ZooKeeper's at start; -1 (default) for no check
         * @return this
         */
        public Builder maxTimeDiffSeconds(int maxTimeDiffSeconds) {
            this.maxTimeDiffSeconds = maxTimeDiffSeconds;
            return this;
        }

        /**
         * @param reconcileIntervalMinutes how often the leader checks the split; 0 turns it off (default 10)
         * @return this
         */
        public Builder reconcileIntervalMinutes(int reconcileIntervalMinutes) {
            this.reconcileIntervalMinutes = reconcileIntervalMinutes;
            return this;
        }

        /**
         * @param jobShardingStrategyType AVG_ALLOCATION (default), ODEVITY, ROUND_ROBIN or a custom type
         * @return this
         */
        public Builder jobShardingStrategyType(String jobShardingStrategyType) {
            this.jobShardingStrategyType = blankTo(jobShardingStrategyType, DEFAULT_SHARDING_STRATEGY);
            return this;
        }

        /**
         * @param jobExecutorServiceHandlerType CPU (default) or SINGLE_THREAD or a custom type
         * @return this
         */
        public Builder jobExecutorServiceHandlerType(String jobExecutorServiceHandlerType) {
            this.jobExecutorServiceHandlerType = blankTo(jobExecutorServiceHandlerType, DEFAULT_EXECUTOR_SERVICE_HANDLER);
            return this;
        }

        /**
         * @param jobErrorHandlerType LOG (default), THROW, IGNORE or a custom type
         * @return this
         */
        public Builder jobErrorHandlerType(String jobErrorHandlerType) {
            this.jobErrorHandlerType = blankTo(jobErrorHandlerType, DEFAULT_ERROR_HANDLER);
            return this;
        }

        /**
         * @param jobListenerTypes listener type names, called in this order
         * @return this
         */
        public Builder jobListenerTypes(String... jobListenerTypes) {
            this.jobListenerTypes = jobListenerTypes == null ? Collections.emptyList() : Arrays.asList(jobListenerTypes.clone());
            return this;
        }

        /**
         * @param description free text shown by the console
         * @return this
         */
        public Builder description(String description) {
            this.description = description == null ? "" : description;
            return this;
        }

        /**
         * @param key a property name, e.g. {@code script.command.line}
         * @param value its value
         * @return this
         */
        public Builder setProperty(String key, String value) {
            if (key == null || key.isBlank()) {
                throw JobConfigurationException.invalid("props", key, "a property name must not be blank");
            }
            if (value == null) {
                props.remove(key);
            } else {
                props.put(key, value);
            }
            return this;
        }

        /**
         * @param disabled start the job switched off (default false); enable it later through the operations API
         * @return this
         */
        public Builder disabled(boolean disabled) {
            this.disabled = disabled;
            return this;
        }

        /**
         * @param overwrite true: this configuration replaces the one stored in ZooKeeper at start;
         *                  false (default): a stored configuration wins over this one
         * @return this
         */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * @param itemRetries how many times an item whose body throws is run again, on the same instance
         *                    and as the same execution (same task id and fencing token, its running mark
         *                    kept); 0 (default) to 100. The error handler is called once, after the last try
         *                    fails. A fire that arrives while tries remain is a missed fire. Losing the item
         *                    (re-split, disable, shutdown, lost session) ends the remaining tries.
         * @return this
         */
        public Builder itemRetries(int itemRetries) {
            this.itemRetries = itemRetries;
            return this;
        }

        /**
         * @param itemRetryBackoffMillis the wait before the first retry, counted from the end of the failed
         *                               try (default 1000); doubled after each try, capped at 60 s; up to a
         *                               quarter taken off at random
         * @return this
         */
        public Builder itemRetryBackoffMillis(long itemRetryBackoffMillis) {
            this.itemRetryBackoffMillis = itemRetryBackoffMillis;
            return this;
        }

        /**
         * @param itemTimeoutMillis how long an item's body may run, from its start, before its thread is
         *                          interrupted and the try counts as failed; 0 (default) for no limit. A body
         *                          that ignores the interrupt keeps its item (nothing overlaps it) and is
         *                          reported as overdue
         * @return this
         */
        public Builder itemTimeoutMillis(long itemTimeoutMillis) {
            this.itemTimeoutMillis = itemTimeoutMillis;
            return this;
        }

        /**
         * @param keepCheckpointOnSuccess keep an item's checkpoint when a run completes normally (default
         *                                false: it is cleared, so the next run starts afresh)
         * @return this
         */
        public Builder keepCheckpointOnSuccess(boolean keepCheckpointOnSuccess) {
            this.keepCheckpointOnSuccess = keepCheckpointOnSuccess;
            return this;
        }


        /**
         * @param tracing record every item execution and every state of every fire of this instance in
         *                a database ({@link TracingConfiguration#rdb}); null (default) for no tracing.
         *                Local to this JVM: not stored in ZooKeeper, so each instance chooses its own
         * @return this
         */
        public Builder tracing(TracingConfiguration tracing) {
            this.tracing = tracing;
            return this;
        }

        /**
         * @param metrics receives counts, durations and latencies of this instance's executions; null
         *                for none ({@link JobMetrics#NONE}, the default). Local to this JVM: not stored in ZooKeeper
         * @return this
         */
        public Builder metrics(JobMetrics metrics) {
            this.metrics = metrics == null ? JobMetrics.NONE : metrics;
            return this;
        }

        /**
         * @param alarms hears of missed fires, overdue items and items without a live owner as they are
         *               seen; null for none ({@link JobAlarmListener#NONE}, the default). Local to this JVM:
         *               not stored in ZooKeeper
         * @return this
         */
        public Builder alarms(JobAlarmListener alarms) {
            this.alarms = alarms == null ? JobAlarmListener.NONE : alarms;
            return this;
        }

        /**
         * Validates every field and builds the configuration.
         *
         * @return the configuration
         * @throws JobConfigurationException naming the first invalid field and what it accepts
         */
        public JobConfiguration build() {
            checkSizes();
            validateJobName(jobName);
            if (shardingTotalCount < 1) {
                throw JobConfigurationException.invalid("shardingTotalCount", shardingTotalCount, "must be at least 1");
            }
            if (shardingTotalCount > MAX_SHARDING_TOTAL_COUNT) {
                throw JobConfigurationException.invalid("shardingTotalCount", shardingTotalCount, "at most "
                        + ConfigurationSizes.grouped(MAX_SHARDING_TOTAL_COUNT) + " items are allowed (see MAX_SHARDING_TOTAL_COUNT)");
            }
            if (cron != null) {
                validateCron(cron);
            }
            if (timeZone != null) {
                validateTimeZone(timeZone);
            }
            ShardingItemParameters.parse(shardingItemParameters, shardingTotalCount);
            if (maxTimeDiffSeconds < -1) {
                throw JobConfigurationException.invalid("maxTimeDiffSeconds", maxTimeDiffSeconds, "must be -1 (no check) or at least 0");
            }
            if (reconcileIntervalMinutes < 0) {
                throw JobConfigurationException.invalid("reconcileIntervalMinutes", reconcileIntervalMinutes, "must be 0 (off) or more");
            }
            if (itemRetries < 0 || itemRetries > MAX_ITEM_RETRIES) {
                throw JobConfigurationException.invalid("itemRetries", itemRetries, "must be between 0 (no retry) and "
                        + MAX_ITEM_RETRIES + " (see MAX_ITEM_RETRIES)");
            }
            if (itemRetryBackoffMillis < 0 || itemRetryBackoffMillis > MAX_ITEM_RETRY_BACKOFF_MILLIS) {
                throw JobConfigurationException.invalid("itemRetryBackoffMillis", itemRetryBackoffMillis, "must be between 0 and "
                        + ConfigurationSizes.grouped(MAX_ITEM_RETRY_BACKOFF_MILLIS) + " ms (see MAX_ITEM_RETRY_BACKOFF_MILLIS)");
            }
            if (itemTimeoutMillis < 0 || itemTimeoutMillis > MAX_ITEM_TIMEOUT_MILLIS) {
                throw JobConfigurationException.invalid("itemTimeoutMillis", itemTimeoutMillis, "must be 0 (no timeout) or at most "
                        + ConfigurationSizes.grouped(MAX_ITEM_TIMEOUT_MILLIS) + " ms = 7 days (see MAX_ITEM_TIMEOUT_MILLIS)");
            }
            jobShardingStrategyType = PluggableTypes.require("jobShardingStrategyType", jobShardingStrategyType);
            jobExecutorServiceHandlerType = PluggableTypes.require("jobExecutorServiceHandlerType", jobExecutorServiceHandlerType);
            jobErrorHandlerType = PluggableTypes.require("jobErrorHandlerType", jobErrorHandlerType);
            List<String> listenerTypes = new java.util.ArrayList<>(jobListenerTypes.size());
            for (String each : jobListenerTypes) {
                if (each == null || each.isBlank()) {
                    throw JobConfigurationException.invalid("jobListenerTypes", each, "a listener type must not be blank");
                }
                PluggableTypes.require("jobListenerTypes", each.trim());
                listenerTypes.add(each.trim());
            }
            jobListenerTypes = listenerTypes;
            return new JobConfiguration(this);
        }

        /** Sizes first: nothing is parsed or looked up before it is known to be of a sane size. */
        private void checkSizes() {
            ConfigurationSizes.requireLength("jobName", jobName, MAX_JOB_NAME_LENGTH);
            ConfigurationSizes.requireLength("cron", cron, MAX_CRON_LENGTH);
            ConfigurationSizes.requireLength("timeZone", timeZone, MAX_TIME_ZONE_LENGTH);
            ConfigurationSizes.requireBytes("shardingItemParameters", shardingItemParameters, MAX_SHARDING_ITEM_PARAMETERS_BYTES);
            ConfigurationSizes.requireBytes("jobParameter", jobParameter, MAX_JOB_PARAMETER_BYTES);
            ConfigurationSizes.requireBytes("description", description, MAX_DESCRIPTION_BYTES);
            ConfigurationSizes.requireLength("jobShardingStrategyType", jobShardingStrategyType, MAX_TYPE_NAME_LENGTH);
            ConfigurationSizes.requireLength("jobExecutorServiceHandlerType", jobExecutorServiceHandlerType, MAX_TYPE_NAME_LENGTH);
            ConfigurationSizes.requireLength("jobErrorHandlerType", jobErrorHandlerType, MAX_TYPE_NAME_LENGTH);
            ConfigurationSizes.requireCount("jobListenerTypes", jobListenerTypes.size(), MAX_LISTENER_TYPES, "listener types");
            for (String each : jobListenerTypes) {
                ConfigurationSizes.requireLength("jobListenerTypes", each, MAX_TYPE_NAME_LENGTH);
            }
            ConfigurationSizes.requireCount("props", props.size(), MAX_PROPERTIES, "properties");
            props.forEach((key, value) -> {
                ConfigurationSizes.requireLength("props", key, MAX_PROPERTY_NAME_LENGTH);
                ConfigurationSizes.requireBytes("props[" + key + "]", value, MAX_PROPERTY_VALUE_BYTES);
            });
            List<String> strings = new java.util.ArrayList<>(List.of(jobName == null ? "" : jobName, shardingItemParameters, jobParameter,
                    description, jobShardingStrategyType, jobExecutorServiceHandlerType, jobErrorHandlerType));
            strings.add(cron);
            strings.add(timeZone);
            strings.addAll(jobListenerTypes);
            long stored = ConfigurationSizes.storedSizeBound(strings, props);
            if (stored > MAX_STORED_BYTES) {
                throw new JobConfigurationException("Invalid configuration of job " + (jobName == null ? "null" : ConfigurationSizes.shown(jobName))
                        + ": its stored form (the 'config' node's JSON) takes up to " + ConfigurationSizes.grouped(stored)
                        + " bytes; at most " + ConfigurationSizes.grouped(MAX_STORED_BYTES) + " bytes are allowed"
                        + " (shorten shardingItemParameters, jobParameter, description or props)");
            }
        }

        private static void validateCron(String cron) {
            try {
                new CronExpression(cron);
            } catch (ParseException ex) {
                throw JobConfigurationException.invalid("cron", cron,
                        "not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. '0/5 * * * * ?'): "
                                + ex.getMessage());
            }
            // Quartz reads an increment of 0 ('0/0') as 'once', not as an error
            if (ZERO_INCREMENT.matcher(cron).find()) {
                throw JobConfigurationException.invalid("cron", cron, "an increment after '/' must be at least 1, e.g. '0/5'");
            }
        }

        private static final java.util.regex.Pattern ZERO_INCREMENT = java.util.regex.Pattern.compile("/\\s*0+(?![0-9])");

        private static void validateJobName(String jobName) {
            if (jobName == null || jobName.isBlank()) {
                throw JobConfigurationException.invalid("jobName", jobName, "must not be blank");
            }
            if (!jobName.equals(jobName.trim())) {
                throw JobConfigurationException.invalid("jobName", jobName, "must not start or end with white space");
            }
            for (int i = 0; i < jobName.length(); i++) {
                char c = jobName.charAt(i);
                if (c == '/' || Character.isISOControl(c)) {
                    throw JobConfigurationException.invalid("jobName", jobName,
                            "must not contain '/' or control characters (it is a ZooKeeper node name)");
                }
                // ZooKeeper refuses these in paths (PathUtils.validatePath); surrogates mean every emoji is refused too
                if (c >= '\ud800' && c <= '\uf8ff' || c >= '\ufff0') {
                    throw JobConfigurationException.invalid("jobName", jobName,
                            "must not contain characters U+D800..U+F8FF or U+FFF0..U+FFFF (surrogates such as emoji, private use);"
                                    + " ZooKeeper refuses them in node names");
                }
            }
            if (".".equals(jobName) || "..".equals(jobName) || "zookeeper".equals(jobName)) {
                throw JobConfigurationException.invalid("jobName", jobName, "'.', '..' and 'zookeeper' are reserved by ZooKeeper");
            }
        }

        private static void validateTimeZone(String timeZone) {
            String allowed = "expected a time zone id such as 'UTC', 'Asia/Shanghai' or 'GMT+08:00'";
            ZoneId zone;
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException ex) {
                throw JobConfigurationException.invalid("timeZone", timeZone, allowed);
            }
            // Quartz reads the zone through java.util.TimeZone, which silently turns ids it does not know
            // ("+08:00", "UTC+8") into GMT: accept only ids both APIs read the same way.
            if (!TimeZone.getTimeZone(timeZone).toZoneId().getRules().equals(zone.getRules())) {
                throw JobConfigurationException.invalid("timeZone", timeZone,
                        allowed + "; write a fixed offset as 'GMT+08:00' (java.util.TimeZone, used by the scheduler, reads this id as GMT)");
            }
        }

        private static String blankTo(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
