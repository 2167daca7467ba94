package io.cronshard.spring.namespace;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobListener;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.CoordinatorRegistryCenter;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The factory methods behind {@code <cronshard:job>}: turn the element's attribute values (strings,
 * after placeholder resolution) and the beans it refers to ({@link LocalHooks}) into a
 * {@link JobConfiguration} and a bootstrap. Every invalid value is a
 * {@link JobConfigurationException} naming the field, as from the Java API.
 */
final class JobBeans {

    private JobBeans() {
    }

    static ScheduleJobBootstrap scheduleJobBootstrap(String jobName, CoordinatorRegistryCenter regCenter, Object job, String jobType,
                                                     Map<String, String> attributes, Map<String, String> props, List<Object> listeners,
                                                     Map<String, Object> localHooks) {
        JobConfiguration config = LocalHooks.apply(jobName, configuration(jobName, attributes, props), localHooks);
        JobListener[] jobListeners = listeners(jobName, listeners);
        return job != null ? new ScheduleJobBootstrap(regCenter, job(jobName, job), config, jobListeners)
                : new ScheduleJobBootstrap(regCenter, jobType, config, jobListeners);
    }

    static OneOffJobBootstrap oneOffJobBootstrap(String jobName, CoordinatorRegistryCenter regCenter, Object job, String jobType,
                                                 Map<String, String> attributes, Map<String, String> props, List<Object> listeners,
                                                 Map<String, Object> localHooks) {
        JobConfiguration config = LocalHooks.apply(jobName, configuration(jobName, attributes, props), localHooks);
        JobListener[] jobListeners = listeners(jobName, listeners);
        return job != null ? new OneOffJobBootstrap(regCenter, job(jobName, job), config, jobListeners)
                : new OneOffJobBootstrap(regCenter, jobType, config, jobListeners);
    }

    /**
     * A proxy is used as it is (its advice applies) when it implements the job interface; a proxy that
     * hides it (e.g. a JDK proxy of another interface) is refused with the target's class in the message.
     */
    static Job job(String jobName, Object bean) {
        if (bean instanceof Job job) {
            return job;
        }
        Class<?> target = AopUtils.getTargetClass(bean);
        String hint = Job.class.isAssignableFrom(target)
                ? "; it is a proxy of " + target.getName() + " that does not expose the job interface: proxy the "
                + "SimpleJob/DataflowJob interface too, or use class-based proxies (proxyTargetClass=true)"
                : "; it must implement io.cronshard.api.SimpleJob or io.cronshard.api.DataflowJob";
        throw new JobConfigurationException("The body of job '" + jobName + "' is a " + ClassUtils.getUserClass(bean).getName() + hint);
    }

    private static JobListener[] listeners(String jobName, List<Object> listeners) {
        JobListener[] result = new JobListener[listeners.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(listeners.get(i) instanceof JobListener listener)) {
                throw new JobConfigurationException("Listener " + i + " of job '" + jobName + "' is a "
                        + listeners.get(i).getClass().getName() + ", not an io.cronshard.api.listener.JobListener");
            }
            result[i] = listener;
        }
        return result;
    }

    static JobConfiguration configuration(String jobName, Map<String, String> attributes, Map<String, String> props) {
        JobConfiguration.Builder builder = JobConfiguration.newBuilder(jobName,
                integer("shardingTotalCount", attributes.get("sharding-total-count")));
        text(attributes, "cron", builder::cron);
        text(attributes, "time-zone", builder::timeZone);
        text(attributes, "sharding-item-parameters", builder::shardingItemParameters);
        text(attributes, "job-parameter", builder::jobParameter);
        bool(attributes, "monitor-execution", "monitorExecution", builder::monitorExecution);
        bool(attributes, "failover", "failover", builder::failover);
        bool(attributes, "misfire", "misfire", builder::misfire);
        integer(attributes, "max-time-diff-seconds", "maxTimeDiffSeconds", builder::maxTimeDiffSeconds);
        integer(attributes, "reconcile-interval-minutes", "reconcileIntervalMinutes", builder::reconcileIntervalMinutes);
        text(attributes, "job-sharding-strategy-type", builder::jobShardingStrategyType);
        text(attributes, "job-executor-service-handler-type", builder::jobExecutorServiceHandlerType);
        text(attributes, "job-error-handler-type", builder::jobErrorHandlerType);
        text(attributes, "job-listener-types", value -> builder.jobListenerTypes(Arrays.stream(value.split(","))
                .map(String::trim).filter(each -> !each.isEmpty()).toArray(String[]::new)));
        text(attributes, "description", builder::description);
        bool(attributes, "disabled", "disabled", builder::disabled);
        bool(attributes, "overwrite", "overwrite", builder::overwrite);
        integer(attributes, "item-retries", "itemRetries", builder::itemRetries);
        longInteger(attributes, "item-retry-backoff-millis", "itemRetryBackoffMillis", builder::itemRetryBackoffMillis);
        longInteger(attributes, "item-timeout-millis", "itemTimeoutMillis", builder::itemTimeoutMillis);
        bool(attributes, "keep-checkpoint-on-success", "keepCheckpointOnSuccess", builder::keepCheckpointOnSuccess);
        props.forEach(builder::setProperty);
        return builder.build();
    }

    private static void text(Map<String, String> attributes, String attribute, Consumer<String> setter) {
        if (attributes.containsKey(attribute)) {
            setter.accept(attributes.get(attribute));
        }
    }

    private static void bool(Map<String, String> attributes, String attribute, String field, Consumer<Boolean> setter) {
        String value = attributes.get(attribute);
        if (value == null) {
            return;
        }
        String trimmed = value.trim();
        if (!"true".equalsIgnoreCase(trimmed) && !"false".equalsIgnoreCase(trimmed)) {
            throw JobConfigurationException.invalid(field, value, "must be true or false");
        }
        setter.accept(Boolean.parseBoolean(trimmed));
    }

    private static void integer(Map<String, String> attributes, String attribute, String field, Consumer<Integer> setter) {
        if (attributes.containsKey(attribute)) {
            setter.accept(integer(field, attributes.get(attribute)));
        }
    }

    private static void longInteger(Map<String, String> attributes, String attribute, String field, Consumer<Long> setter) {
        if (!attributes.containsKey(attribute)) {
            return;
        }
        String value = attributes.get(attribute);
        try {
            setter.accept(Long.parseLong(value == null ? "" : value.trim()));
        } catch (NumberFormatException ex) {
            throw JobConfigurationException.invalid(field, value, "must be an integer");
        }
    }

    private static int integer(String field, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException ex) {
            throw JobConfigurationException.invalid(field, value, "must be an integer");
        }
    }
}
