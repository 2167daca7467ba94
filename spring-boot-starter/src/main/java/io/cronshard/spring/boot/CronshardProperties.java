package io.cronshard.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cronshard's {@code cronshard.*} properties: the ZooKeeper registry center and the jobs. Defaults are the
 * same as the Java API's.
 */
@ConfigurationProperties(prefix = CronshardProperties.PREFIX)
public class CronshardProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "cronshard";

    /** Whether to auto-configure Cronshard at all. */
    private boolean enabled = true;

    /** The ZooKeeper registry center. Not used when the context has its own CoordinatorRegistryCenter bean. */
    private final RegCenter regCenter = new RegCenter();

    /** The jobs, by job name: cronshard.jobs.[job name].[property]; see docs/spring.md for every job property. */
    private Map<String, JobProperties> jobs = new LinkedHashMap<>();

    /** Event tracing of every job of the context. */
    private final Tracing tracing = new Tracing();

    /** The cronshard.* meters, bound when the context has Micrometer and a MeterRegistry bean. */
    private final Metrics metrics = new Metrics();

    public Tracing getTracing() {
        return tracing;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** cronshard.metrics.*: the cronshard.* meters of every job of the context. */
    public static class Metrics {

        /** Whether to bind the cronshard.* meters to the context's MeterRegistry (when it has one). */
        private boolean enabled = true;

        /**
         * Whether to tag item meters (cronshard.item.duration, cronshard.item.overdue, cronshard.item.unowned,
         * cronshard.item.retries) with the item number. Off by default: every item of every job becomes a time series of its own.
         */
        private boolean itemTag;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isItemTag() {
            return itemTag;
        }

        public void setItemTag(boolean itemTag) {
            this.itemTag = itemTag;
        }
    }

    /** cronshard.tracing.*: event tracing for every job of the context. */
    public static class Tracing {

        /** RDB: record executions and status changes in the context's DataSource (tables JOB_EXECUTION_LOG and JOB_STATUS_TRACE_LOG, created when missing). Unset: no tracing. */
        private String type;

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public RegCenter getRegCenter() {
        return regCenter;
    }

    public Map<String, JobProperties> getJobs() {
        return jobs;
    }

    public void setJobs(Map<String, JobProperties> jobs) {
        this.jobs = jobs;
    }

    /** {@code cronshard.reg-center.*}: the fields of {@code ZookeeperConfiguration}. */
    public static class RegCenter {

        /** ZooKeeper servers as comma-separated host:port pairs, e.g. zk1:2181,zk2:2181,zk3:2181. Required. */
        private String serverLists;

        /** The root node every job lives under, e.g. my-app or team/my-app. Required. */
        private String namespace;

        /** The wait before the first retry of a failed ZooKeeper operation, in milliseconds; retries back off exponentially. */
        private int baseSleepTimeMilliseconds = 1000;

        /** The longest wait between retries, in milliseconds. */
        private int maxSleepTimeMilliseconds = 3000;

        /** How many times a failed ZooKeeper operation is retried. */
        private int maxRetries = 3;

        /** The session timeout asked of the server, in milliseconds; a crashed instance is noticed after about this long. */
        private int sessionTimeoutMilliseconds = 60000;

        /** How long to wait for a connection, at start too, in milliseconds. */
        private int connectionTimeoutMilliseconds = 15000;

        /** user:password; when set, every node is created readable and writable by that user only. */
        private String digest;

        public String getServerLists() {
            return serverLists;
        }

        public void setServerLists(String serverLists) {
            this.serverLists = serverLists;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public int getBaseSleepTimeMilliseconds() {
            return baseSleepTimeMilliseconds;
        }

        public void setBaseSleepTimeMilliseconds(int baseSleepTimeMilliseconds) {
            this.baseSleepTimeMilliseconds = baseSleepTimeMilliseconds;
        }

        public int getMaxSleepTimeMilliseconds() {
            return maxSleepTimeMilliseconds;
        }

        public void setMaxSleepTimeMilliseconds(int maxSleepTimeMilliseconds) {
            this.maxSleepTimeMilliseconds = maxSleepTimeMilliseconds;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public int getSessionTimeoutMilliseconds() {
            return sessionTimeoutMilliseconds;
        }

        public void setSessionTimeoutMilliseconds(int sessionTimeoutMilliseconds) {
            this.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds;
        }

        public int getConnectionTimeoutMilliseconds() {
            return connectionTimeoutMilliseconds;
        }

        public void setConnectionTimeoutMilliseconds(int connectionTimeoutMilliseconds) {
            this.connectionTimeoutMilliseconds = connectionTimeoutMilliseconds;
        }

        public String getDigest() {
            return digest;
        }

        public void setDigest(String digest) {
            this.digest = digest;
        }
    }

    /** {@code cronshard.jobs.<jobName>.*}: one job; the map key is the job's name. */
    public static class JobProperties {

        /** The job's body: a SimpleJob or DataflowJob class; the one bean of that type is taken from the context. */
        private Class<?> jobClass;

        /** The job type of a body that comes with Cronshard, e.g. SCRIPT or HTTP; instead of job-class. */
        private String jobType;

        /** A Quartz cron expression, e.g. 0/5 * * * * ?. Without it the job is a OneOffJobBootstrap bean run on demand. */
        private String cron;

        /** The zone the cron is read in, e.g. Asia/Shanghai or UTC; the JVM's zone when not set. */
        private String timeZone;

        /** How many items the job is split into (items 0 .. count-1). Required; at least 1. */
        private Integer shardingTotalCount;

        /** A parameter per item as comma-separated item=parameter pairs, e.g. 0=Beijing,1=Shanghai. */
        private String shardingItemParameters;

        /** One parameter every item sees. */
        private String jobParameter;

        /** Mark running items in ZooKeeper so that an item never runs twice at the same time while the split changes. */
        private boolean monitorExecution = true;

        /** Run the unfinished items of a crashed instance on a survivor; needs monitor-execution. */
        private boolean failover;

        /** When a fire finds an item still running, run it once more right after it ends. */
        private boolean misfire = true;

        /** The largest difference allowed between this clock and ZooKeeper's, in seconds, checked at start; -1: no check. */
        private int maxTimeDiffSeconds = -1;

        /** How often the leader checks that the split is complete and consistent, in minutes; 0: never. */
        private int reconcileIntervalMinutes = 10;

        /** How the leader splits the items: AVG_ALLOCATION, ODEVITY, ROUND_ROBIN, STICKY, or a type of your own. */
        private String jobShardingStrategyType = "AVG_ALLOCATION";

        /** The executor the items run on: CPU, SINGLE_THREAD, or a type of your own. */
        private String jobExecutorServiceHandlerType = "CPU";

        /** What a failing item does: LOG, THROW, IGNORE, or a type of your own. */
        private String jobErrorHandlerType = "LOG";

        /** Names of TypedJobListener types called around each fire, after the listener beans, in this order. */
        private List<String> jobListenerTypes = new ArrayList<>();

        /** Names of JobListener beans called before and after each fire on this instance, in this order. */
        private List<String> listenerBeanNames = new ArrayList<>();

        /** Free text; the console shows it. */
        private String description;

        /** Job properties, e.g. script.command.line (SCRIPT), streaming.process (Dataflow), http.* (HTTP). */
        private Map<String, String> props = new LinkedHashMap<>();

        /** Start the job switched off; it does not fire until enabled through the operations API. */
        private boolean disabled;

        /** The local configuration replaces the one stored in ZooKeeper at start; otherwise the stored one wins. */
        private boolean overwrite;

        /**
         * How many times an item whose body threw (or ran past item-timeout-millis) is run again, on the same instance and
         * as the same execution; 0 to 100. The error handler hears once, after the last try fails.
         */
        private int itemRetries;

        /**
         * The wait before an item's first retry, in milliseconds, from the end of the failed try; doubled after each try,
         * capped at 60000, up to a quarter taken off at random. 0 to 60000.
         */
        private long itemRetryBackoffMillis = 1000;

        /**
         * How long an item's body may run, in milliseconds, before its thread is interrupted and the try counts as failed;
         * 0: no limit; at most 604800000 (7 days). A body that ignores the interrupt keeps its item and is reported overdue.
         */
        private long itemTimeoutMillis;

        /** Keep an item's checkpoint when a run completes normally; otherwise it is cleared and the next run starts afresh. */
        private boolean keepCheckpointOnSuccess;

        /**
         * The bean name of the job's bootstrap: a OneOffJobBootstrap without cron, a ScheduleJobBootstrap with one.
         * Default: &lt;jobName&gt;OneOffJobBootstrap or &lt;jobName&gt;ScheduleJobBootstrap.
         */
        private String jobBootstrapBeanName;

        public Class<?> getJobClass() {
            return jobClass;
        }

        public void setJobClass(Class<?> jobClass) {
            this.jobClass = jobClass;
        }

        public String getJobType() {
            return jobType;
        }

        public void setJobType(String jobType) {
            this.jobType = jobType;
        }

        public String getCron() {
            return cron;
        }

        public void setCron(String cron) {
            this.cron = cron;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public Integer getShardingTotalCount() {
            return shardingTotalCount;
        }

        public void setShardingTotalCount(Integer shardingTotalCount) {
            this.shardingTotalCount = shardingTotalCount;
        }

        public String getShardingItemParameters() {
            return shardingItemParameters;
        }

        public void setShardingItemParameters(String shardingItemParameters) {
            this.shardingItemParameters = shardingItemParameters;
        }

        public String getJobParameter() {
            return jobParameter;
        }

        public void setJobParameter(String jobParameter) {
            this.jobParameter = jobParameter;
        }

        public boolean isMonitorExecution() {
            return monitorExecution;
        }

        public void setMonitorExecution(boolean monitorExecution) {
            this.monitorExecution = monitorExecution;
        }

        public boolean isFailover() {
            return failover;
        }

        public void setFailover(boolean failover) {
            this.failover = failover;
        }

        public boolean isMisfire() {
            return misfire;
        }

        public void setMisfire(boolean misfire) {
            this.misfire = misfire;
        }

        public int getMaxTimeDiffSeconds() {
            return maxTimeDiffSeconds;
        }

        public void setMaxTimeDiffSeconds(int maxTimeDiffSeconds) {
            this.maxTimeDiffSeconds = maxTimeDiffSeconds;
        }

        public int getReconcileIntervalMinutes() {
            return reconcileIntervalMinutes;
        }

        public void setReconcileIntervalMinutes(int reconcileIntervalMinutes) {
            this.reconcileIntervalMinutes = reconcileIntervalMinutes;
        }

        public String getJobShardingStrategyType() {
            return jobShardingStrategyType;
        }

        public void setJobShardingStrategyType(String jobShardingStrategyType) {
            this.jobShardingStrategyType = jobShardingStrategyType;
        }

        public String getJobExecutorServiceHandlerType() {
            return jobExecutorServiceHandlerType;
        }

        public void setJobExecutorServiceHandlerType(String jobExecutorServiceHandlerType) {
            this.jobExecutorServiceHandlerType = jobExecutorServiceHandlerType;
        }

        public String getJobErrorHandlerType() {
            return jobErrorHandlerType;
        }

        public void setJobErrorHandlerType(String jobErrorHandlerType) {
            this.jobErrorHandlerType = jobErrorHandlerType;
        }

        public List<String> getJobListenerTypes() {
            return jobListenerTypes;
        }

        public void setJobListenerTypes(List<String> jobListenerTypes) {
            this.jobListenerTypes = jobListenerTypes;
        }

        public List<String> getListenerBeanNames() {
            return listenerBeanNames;
        }

        public void setListenerBeanNames(List<String> listenerBeanNames) {
            this.listenerBeanNames = listenerBeanNames;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public Map<String, String> getProps() {
            return props;
        }

        public void setProps(Map<String, String> props) {
            this.props = props;
        }

        public boolean isDisabled() {
            return disabled;
        }

        public void setDisabled(boolean disabled) {
            this.disabled = disabled;
        }

        public boolean isOverwrite() {
            return overwrite;
        }

        public void setOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
        }

        public int getItemRetries() {
            return itemRetries;
        }

        public void setItemRetries(int itemRetries) {
            this.itemRetries = itemRetries;
        }

        public long getItemRetryBackoffMillis() {
            return itemRetryBackoffMillis;
        }

        public void setItemRetryBackoffMillis(long itemRetryBackoffMillis) {
            this.itemRetryBackoffMillis = itemRetryBackoffMillis;
        }

        public long getItemTimeoutMillis() {
            return itemTimeoutMillis;
        }

        public void setItemTimeoutMillis(long itemTimeoutMillis) {
            this.itemTimeoutMillis = itemTimeoutMillis;
        }

        public boolean isKeepCheckpointOnSuccess() {
            return keepCheckpointOnSuccess;
        }

        public void setKeepCheckpointOnSuccess(boolean keepCheckpointOnSuccess) {
            this.keepCheckpointOnSuccess = keepCheckpointOnSuccess;
        }

        public String getJobBootstrapBeanName() {
            return jobBootstrapBeanName;
        }

        public void setJobBootstrapBeanName(String jobBootstrapBeanName) {
            this.jobBootstrapBeanName = jobBootstrapBeanName;
        }
    }
}
