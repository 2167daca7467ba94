package io.cronshard.spring.namespace;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.metrics.JobMetrics;
import io.cronshard.tracing.TracingConfiguration;
import org.springframework.util.ClassUtils;

import java.util.Map;

/**
 * The beans a {@code <cronshard:job>} names with {@code tracing-ref}, {@code metrics-ref} and
 * {@code alarm-listener-ref}, put into its configuration. They are local to this JVM: never stored
 * in ZooKeeper. A bean of the wrong type is a {@link JobConfigurationException} naming the job, the
 * attribute and the type it needs.
 */
final class LocalHooks {

    private LocalHooks() {
    }

    /**
     * @param jobName the job
     * @param config its configuration from the attributes
     * @param beans the referenced beans by attribute name; an attribute not given is absent
     * @return the configuration with the referenced hooks
     */
    static JobConfiguration apply(String jobName, JobConfiguration config, Map<String, Object> beans) {
        if (beans.isEmpty()) {
            return config;
        }
        JobConfiguration.Builder builder = config.toBuilder();
        TracingConfiguration tracing = bean(jobName, beans, "tracing-ref", TracingConfiguration.class,
                " (e.g. TracingConfiguration.rdb(dataSource))");
        if (tracing != null) {
            builder.tracing(tracing);
        }
        JobMetrics metrics = bean(jobName, beans, "metrics-ref", JobMetrics.class, "");
        if (metrics != null) {
            builder.metrics(metrics);
        }
        JobAlarmListener alarms = bean(jobName, beans, "alarm-listener-ref", JobAlarmListener.class, "");
        if (alarms != null) {
            builder.alarms(alarms);
        }
        return builder.build();
    }

    private static <T> T bean(String jobName, Map<String, Object> beans, String attribute, Class<T> type, String hint) {
        Object bean = beans.get(attribute);
        if (bean == null) {
            return null;
        }
        if (!type.isInstance(bean)) {
            throw new JobConfigurationException("The " + attribute + " of job '" + jobName + "' is a "
                    + ClassUtils.getUserClass(bean).getName() + ", not an " + type.getName() + hint);
        }
        return type.cast(bean);
    }
}
