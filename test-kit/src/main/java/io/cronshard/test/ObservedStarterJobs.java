package io.cronshard.test;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.spring.boot.JobConfigurationCustomizer;
import org.springframework.beans.factory.ListableBeanFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts the {@link CronshardTestContext}'s recorder in front of the metrics of every job of {@code cronshard.jobs} (the
 * application's own JobMetrics, e.g. its Micrometer binding, is still called). An execution's instance is the
 * context's bootstrap of that job, looked up when its first item ends.
 */
final class ObservedStarterJobs implements JobConfigurationCustomizer {

    private final CronshardTestContext cronshard;
    private final ListableBeanFactory beanFactory;

    ObservedStarterJobs(CronshardTestContext cronshard, ListableBeanFactory beanFactory) {
        this.cronshard = cronshard;
        this.beanFactory = beanFactory;
    }

    @Override
    public JobConfiguration customize(JobConfiguration configuration) {
        String jobName = configuration.getJobName();
        AtomicReference<String> instanceId = new AtomicReference<>();
        return cronshard.observed(configuration, () -> {
            if (instanceId.get() == null) {
                instanceId.set(instanceIdOf(jobName));
            }
            return instanceId.get();
        });
    }

    private String instanceIdOf(String jobName) {
        for (ScheduleJobBootstrap each : beanFactory.getBeansOfType(ScheduleJobBootstrap.class, false, false).values()) {
            if (each.getStatus().jobName().equals(jobName)) {
                return each.getJobInstanceId();
            }
        }
        for (OneOffJobBootstrap each : beanFactory.getBeansOfType(OneOffJobBootstrap.class, false, false).values()) {
            if (each.getStatus().jobName().equals(jobName)) {
                return each.getJobInstanceId();
            }
        }
        return null;
    }
}
