package io.cronshard.spring.boot;

import io.cronshard.bootstrap.ScheduleJobBootstrap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedules the cron jobs of {@code cronshard.jobs} when the application is ready and shuts them down (running
 * items end) as soon as the context starts closing, before any other bean is stopped or destroyed.
 * Events of other contexts (a child's, a parent's) are ignored.
 */
final class ScheduledJobsStarter implements SmartApplicationListener, ApplicationContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobsStarter.class);

    private final List<String> bootstrapBeanNames;
    private final List<ScheduleJobBootstrap> scheduled = new ArrayList<>();
    private ApplicationContext context;

    ScheduledJobsStarter(List<String> bootstrapBeanNames) {
        this.bootstrapBeanNames = List.copyOf(bootstrapBeanNames);
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationReadyEvent.class.isAssignableFrom(eventType) || ContextClosedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent ready) {
            if (ready.getApplicationContext() != context || !scheduled.isEmpty()) {
                return;
            }
            for (String each : bootstrapBeanNames) {
                ScheduleJobBootstrap bootstrap = context.getBean(each, ScheduleJobBootstrap.class);
                bootstrap.schedule();
                scheduled.add(bootstrap);
                LOG.info("Scheduled Cronshard job bean '{}' as instance {}", each, bootstrap.getJobInstanceId());
            }
        } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
            for (int i = scheduled.size() - 1; i >= 0; i--) {
                scheduled.get(i).shutdown();
            }
            scheduled.clear();
        }
    }
}
