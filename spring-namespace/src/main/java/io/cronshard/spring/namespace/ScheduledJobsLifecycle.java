package io.cronshard.spring.namespace;

import io.cronshard.bootstrap.ScheduleJobBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedules the context's {@code <cronshard:job>} cron jobs once every singleton exists (in the last
 * lifecycle phase of the refresh) and shuts them down, letting running items end, first thing when
 * the context closes. One per context; each job's bootstrap also shuts down when its bean is
 * destroyed, so a context whose refresh fails leaves nothing behind.
 */
public final class ScheduledJobsLifecycle implements SmartLifecycle, BeanFactoryAware {

    /** The bean name of the context's instance. */
    public static final String BEAN_NAME = "io.cronshard.spring.namespace.scheduledJobsLifecycle";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobsLifecycle.class);

    private final List<String> jobBeanNames;
    private final List<ScheduleJobBootstrap> started = new ArrayList<>();
    private BeanFactory beanFactory;

    /** @param jobBeanNames the bean names of the {@link ScheduleJobBootstrap}s to schedule */
    public ScheduledJobsLifecycle(List<String> jobBeanNames) {
        this.jobBeanNames = List.copyOf(jobBeanNames);
    }

    @SuppressWarnings("unchecked")
    static void register(String jobBeanName, BeanDefinitionRegistry registry) {
        if (!registry.containsBeanDefinition(BEAN_NAME)) {
            BeanDefinition definition = BeanDefinitionBuilder.rootBeanDefinition(ScheduledJobsLifecycle.class)
                    .addConstructorArgValue(new ManagedList<String>()).getBeanDefinition();
            registry.registerBeanDefinition(BEAN_NAME, definition);
        }
        BeanDefinition definition = registry.getBeanDefinition(BEAN_NAME);
        ((List<String>) definition.getConstructorArgumentValues().getIndexedArgumentValues().get(0).getValue()).add(jobBeanName);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public synchronized void start() {
        for (String each : jobBeanNames) {
            ScheduleJobBootstrap bootstrap = beanFactory.getBean(each, ScheduleJobBootstrap.class);
            bootstrap.schedule();
            started.add(bootstrap);
            LOG.info("Scheduled job '{}' as instance {}", each, bootstrap.getJobInstanceId());
        }
    }

    @Override
    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).shutdown();
        }
        started.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !started.isEmpty();
    }

    /** Started after, and stopped before, the context's other lifecycle beans. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
