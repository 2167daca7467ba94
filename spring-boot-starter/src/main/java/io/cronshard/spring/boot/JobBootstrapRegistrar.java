package io.cronshard.spring.boot;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobAlarmListener;
import io.cronshard.api.listener.JobListener;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.metrics.JobMetrics;
import io.cronshard.reg.CoordinatorRegistryCenter;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers one bootstrap bean per {@code cronshard.jobs.<jobName>} before any bean is created, so that a
 * {@link OneOffJobBootstrap} can be injected by its {@code job-bootstrap-bean-name} like any other bean. Each
 * bootstrap is built when its bean is created, from the context's {@link CoordinatorRegistryCenter} and, for a
 * {@code job-class}, the context's one bean of that class; it is destroyed ({@code shutdown}) before them. Its
 * configuration carries the context's {@link JobMetrics} and {@link JobAlarmListener} beans and passes through its
 * {@link JobConfigurationCustomizer}s.
 */
final class JobBootstrapRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    static final String STARTER_BEAN_NAME = "io.cronshard.spring.boot.scheduledJobsStarter";

    private Environment environment;
    private ConfigurableListableBeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, CronshardProperties.JobProperties> jobs = Binder.get(environment)
                .bind(CronshardProperties.PREFIX + ".jobs", Bindable.mapOf(String.class, CronshardProperties.JobProperties.class))
                .orElseGet(LinkedHashMap::new);
        List<String> scheduled = new ArrayList<>();
        jobs.forEach((jobName, job) -> {
            boolean hasCron = StringUtils.hasText(job.getCron());
            String beanName = StringUtils.hasText(job.getJobBootstrapBeanName()) ? job.getJobBootstrapBeanName()
                    : jobName + (hasCron ? "ScheduleJobBootstrap" : "OneOffJobBootstrap");
            RootBeanDefinition definition = hasCron
                    ? new RootBeanDefinition(ScheduleJobBootstrap.class, () -> scheduleJobBootstrap(beanName, jobName, job))
                    : new RootBeanDefinition(OneOffJobBootstrap.class, () -> oneOffJobBootstrap(beanName, jobName, job));
            definition.setDestroyMethodName("shutdown");
            registry.registerBeanDefinition(beanName, definition);
            if (hasCron) {
                scheduled.add(beanName);
            }
        });
        RootBeanDefinition starter = new RootBeanDefinition(ScheduledJobsStarter.class, () -> new ScheduledJobsStarter(scheduled));
        registry.registerBeanDefinition(STARTER_BEAN_NAME, starter);
    }

    private ScheduleJobBootstrap scheduleJobBootstrap(String beanName, String jobName, CronshardProperties.JobProperties job) {
        CoordinatorRegistryCenter regCenter = registryCenter(beanName);
        Job body = body(beanName, jobName, job);
        JobListener[] listeners = listeners(beanName, jobName, job);
        JobConfiguration config = customized(jobName, withHooks(beanName, jobName, configuration(jobName, job)));
        try {
            return body != null ? new ScheduleJobBootstrap(regCenter, body, config, listeners)
                    : new ScheduleJobBootstrap(regCenter, job.getJobType(), config, listeners);
        } catch (JobConfigurationException ex) {
            throw invalid(jobName, ex);
        }
    }

    private OneOffJobBootstrap oneOffJobBootstrap(String beanName, String jobName, CronshardProperties.JobProperties job) {
        CoordinatorRegistryCenter regCenter = registryCenter(beanName);
        Job body = body(beanName, jobName, job);
        JobListener[] listeners = listeners(beanName, jobName, job);
        JobConfiguration config = customized(jobName, withHooks(beanName, jobName, configuration(jobName, job)));
        try {
            return body != null ? new OneOffJobBootstrap(regCenter, body, config, listeners)
                    : new OneOffJobBootstrap(regCenter, job.getJobType(), config, listeners);
        } catch (JobConfigurationException ex) {
            throw invalid(jobName, ex);
        }
    }

    private CoordinatorRegistryCenter registryCenter(String bootstrapBeanName) {
        String[] names = beanFactory.getBeanNamesForType(CoordinatorRegistryCenter.class);
        if (names.length != 1) {
            throw new CronshardConfigurationException("Cronshard needs exactly one CoordinatorRegistryCenter bean, found "
                    + names.length + (names.length == 0 ? "" : ": " + List.of(names)) + ".",
                    "Set cronshard.reg-center.server-lists and cronshard.reg-center.namespace, or keep one registry center bean.", null);
        }
        beanFactory.registerDependentBean(names[0], bootstrapBeanName);
        return beanFactory.getBean(names[0], CoordinatorRegistryCenter.class);
    }

    /**
     * The context's one bean of {@code job-class}; a bean behind an AOP proxy that exposes the job interface (a JDK
     * proxy of SimpleJob, or a class proxy) matches by its target class and is used through the proxy. Of several
     * matches, the one bean of exactly that class wins (a bean of a subclass is then left to its own job).
     */
    private Job body(String bootstrapBeanName, String jobName, CronshardProperties.JobProperties job) {
        String property = property(jobName, "job-class");
        if ((job.getJobClass() == null) == !StringUtils.hasText(job.getJobType())) {
            throw new CronshardConfigurationException("Cronshard job '" + jobName + "' needs exactly one of " + property + " and "
                    + property(jobName, "job-type") + ".",
                    "Set " + property + " to the class of a SimpleJob or DataflowJob bean, or " + property(jobName, "job-type")
                            + " to SCRIPT or HTTP.", null);
        }
        Class<?> jobClass = job.getJobClass();
        if (jobClass == null) {
            return null;
        }
        if (!Job.class.isAssignableFrom(jobClass)) {
            throw new CronshardConfigurationException("Cronshard job '" + jobName + "': " + property + " " + jobClass.getName()
                    + " is not a job.", "Give " + property + " a class that implements io.cronshard.api.SimpleJob or io.cronshard.api.DataflowJob.", null);
        }
        List<String> matches = new ArrayList<>();
        for (String each : beanFactory.getBeanNamesForType(Job.class)) {
            Object bean = beanFactory.getBean(each);
            if (jobClass.isInstance(bean) || jobClass.isAssignableFrom(AopUtils.getTargetClass(bean))) {
                matches.add(each);
            }
        }
        if (matches.size() > 1) {
            List<String> exact = matches.stream()
                    .filter(each -> AopUtils.getTargetClass(beanFactory.getBean(each)) == jobClass).toList();
            matches = exact.size() == 1 ? exact : matches;
        }
        if (matches.size() != 1) {
            throw new CronshardConfigurationException("Cronshard job '" + jobName + "' needs one bean of " + property + " "
                    + jobClass.getName() + ", found " + (matches.isEmpty() ? "none" : matches.size() + ": " + matches) + ".",
                    matches.isEmpty() ? "Define a bean of " + jobClass.getName() + " (e.g. annotate it with @Component), or fix " + property + "."
                            : "Keep one bean of " + jobClass.getName() + ", or give each job its own class.", null);
        }
        beanFactory.registerDependentBean(matches.get(0), bootstrapBeanName);
        return (Job) beanFactory.getBean(matches.get(0));
    }

    private JobListener[] listeners(String bootstrapBeanName, String jobName, CronshardProperties.JobProperties job) {
        List<JobListener> result = new ArrayList<>();
        for (String each : job.getListenerBeanNames()) {
            if (!beanFactory.containsBean(each) || !beanFactory.isTypeMatch(each, JobListener.class)) {
                throw new CronshardConfigurationException("Cronshard job '" + jobName + "': " + property(jobName, "listener-bean-names")
                        + " names '" + each + "', which is not a JobListener bean.", "Define a JobListener bean named '" + each
                        + "', or remove it from " + property(jobName, "listener-bean-names") + ".", null);
            }
            beanFactory.registerDependentBean(each, bootstrapBeanName);
            result.add(beanFactory.getBean(each, JobListener.class));
        }
        return result.toArray(JobListener[]::new);
    }

    /** The context's tracing, metrics and alarm listeners: local to this JVM, never stored in ZooKeeper. */
    private JobConfiguration withHooks(String bootstrapBeanName, String jobName, JobConfiguration config) {
        return alarmed(bootstrapBeanName, measured(bootstrapBeanName, traced(bootstrapBeanName, jobName, config)));
    }

    /** With cronshard.tracing.type=RDB, every job records its executions in the context's DataSource. */
    private JobConfiguration traced(String bootstrapBeanName, String jobName, JobConfiguration config) {
        String type = environment.getProperty(CronshardProperties.PREFIX + ".tracing.type");
        if (!StringUtils.hasText(type)) {
            return config;
        }
        if (!"RDB".equalsIgnoreCase(type.trim())) {
            throw new CronshardConfigurationException("Invalid cronshard.tracing.type '" + type + "'; allowed: RDB",
                    "Set cronshard.tracing.type=RDB to record job executions in the context's DataSource, or remove it.", null);
        }
        String[] dataSources = beanFactory.getBeanNamesForType(javax.sql.DataSource.class);
        if (dataSources.length == 0) {
            throw new CronshardConfigurationException("cronshard.tracing.type=RDB needs a javax.sql.DataSource bean; the context has none",
                    "Add a DataSource (e.g. spring-boot-starter-jdbc with spring.datasource.url), or remove cronshard.tracing.type.", null);
        }
        javax.sql.DataSource dataSource = beanFactory.getBean(javax.sql.DataSource.class);
        for (String each : dataSources) {
            // the DataSource outlives the bootstraps, so that their last rows are written on close
            beanFactory.registerDependentBean(each, bootstrapBeanName);
        }
        return config.toBuilder().tracing(io.cronshard.tracing.TracingConfiguration.rdb(dataSource)).build();
    }

    /**
     * Every {@link JobMetrics} bean of the context receives the job's metrics: the user's own, or else the Micrometer
     * binding the starter defines when the context has a MeterRegistry (it backs off when the user has one). The
     * beans outlive the bootstraps, so that the last items of a shutdown are still reported.
     */
    private JobConfiguration measured(String bootstrapBeanName, JobConfiguration config) {
        String[] names = beanFactory.getBeanNamesForType(JobMetrics.class);
        if (names.length == 0) {
            return config;
        }
        for (String each : names) {
            beanFactory.registerDependentBean(each, bootstrapBeanName);
        }
        return config.toBuilder().metrics(CompositeJobMetrics.of(beanFactory.getBeanProvider(JobMetrics.class).orderedStream().toList())).build();
    }

    /**
     * Every {@link JobAlarmListener} bean of the context hears the job's alarms, in {@code @Order}, each guarded so that one
     * that throws does not silence the others. The beans outlive the bootstraps.
     */
    private JobConfiguration alarmed(String bootstrapBeanName, JobConfiguration config) {
        String[] names = beanFactory.getBeanNamesForType(JobAlarmListener.class);
        if (names.length == 0) {
            return config;
        }
        for (String each : names) {
            beanFactory.registerDependentBean(each, bootstrapBeanName);
        }
        return config.toBuilder().alarms(CompositeJobAlarmListener.of(beanFactory.getBeanProvider(JobAlarmListener.class).orderedStream().toList()))
                .build();
    }

    private JobConfiguration customized(String jobName, JobConfiguration config) {
        JobConfiguration result = config;
        try {
            for (JobConfigurationCustomizer each : beanFactory.getBeanProvider(JobConfigurationCustomizer.class).orderedStream().toList()) {
                result = each.customize(result);
                if (result == null || !jobName.equals(result.getJobName())) {
                    throw new CronshardConfigurationException("The JobConfigurationCustomizer " + each.getClass().getName() + " returned "
                            + (result == null ? "null" : "the configuration of job '" + result.getJobName() + "'") + " for job '" + jobName + "'.",
                            "Return the configuration it was given, or a copy of it made with toBuilder().", null);
                }
            }
        } catch (JobConfigurationException ex) {
            throw invalid(jobName, ex);
        }
        return result;
    }

    private static JobConfiguration configuration(String jobName, CronshardProperties.JobProperties job) {
        try {
            if (job.getShardingTotalCount() == null) {
                throw JobConfigurationException.invalid("shardingTotalCount", null, "must be set, at least 1");
            }
            JobConfiguration.Builder builder = JobConfiguration.newBuilder(jobName, job.getShardingTotalCount())
                    .cron(job.getCron()).timeZone(job.getTimeZone()).shardingItemParameters(job.getShardingItemParameters())
                    .jobParameter(job.getJobParameter()).monitorExecution(job.isMonitorExecution()).failover(job.isFailover())
                    .misfire(job.isMisfire()).maxTimeDiffSeconds(job.getMaxTimeDiffSeconds())
                    .reconcileIntervalMinutes(job.getReconcileIntervalMinutes())
                    .jobShardingStrategyType(job.getJobShardingStrategyType())
                    .jobExecutorServiceHandlerType(job.getJobExecutorServiceHandlerType())
                    .jobErrorHandlerType(job.getJobErrorHandlerType())
                    .jobListenerTypes(job.getJobListenerTypes().toArray(String[]::new))
                    .description(job.getDescription()).disabled(job.isDisabled()).overwrite(job.isOverwrite())
                    .itemRetries(job.getItemRetries()).itemRetryBackoffMillis(job.getItemRetryBackoffMillis())
                    .itemTimeoutMillis(job.getItemTimeoutMillis()).keepCheckpointOnSuccess(job.isKeepCheckpointOnSuccess());
            job.getProps().forEach(builder::setProperty);
            return builder.build();
        } catch (JobConfigurationException ex) {
            throw invalid(jobName, ex);
        }
    }

    private static CronshardConfigurationException invalid(String jobName, JobConfigurationException ex) {
        String field = JobConfigurationFailureAnalyzer.field(ex.getMessage());
        String property = field == null ? property(jobName, "*") : property(jobName, JobConfigurationFailureAnalyzer.kebab(field));
        return new CronshardConfigurationException("Invalid configuration of Cronshard job '" + jobName + "': " + ex.getMessage(),
                "Fix " + property + ".", ex);
    }

    private static String property(String jobName, String name) {
        return CronshardProperties.PREFIX + ".jobs." + jobName + "." + name;
    }
}
