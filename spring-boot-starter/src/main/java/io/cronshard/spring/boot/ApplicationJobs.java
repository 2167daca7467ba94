package io.cronshard.spring.boot;

import io.cronshard.api.JobInstanceStatus;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs of this application: every {@link ScheduleJobBootstrap} and {@link OneOffJobBootstrap} bean of the context,
 * whoever defined it ({@code cronshard.jobs}, the XML namespace, a {@code @Bean} of the user's), read through their
 * local {@link JobInstanceStatus} (no ZooKeeper request). What the health indicator, the endpoint and the gauges report.
 */
final class ApplicationJobs implements SmartInitializingSingleton {

    /** One instance of a job in this application. */
    record Instance(String beanName, String type, JobInstanceStatus status) {
    }

    private final ListableBeanFactory beanFactory;
    /** The bootstraps once every singleton exists; they do not change after that. */
    private volatile Map<String, Object> bootstraps;

    ApplicationJobs(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        bootstraps = lookUp();
    }

    /** @return every instance, ordered by job name then bean name */
    List<Instance> instances() {
        Map<String, Object> current = bootstraps != null ? bootstraps : lookUp();
        List<Instance> result = new ArrayList<>(current.size());
        current.forEach((name, bootstrap) -> result.add(bootstrap instanceof ScheduleJobBootstrap schedule
                ? new Instance(name, "SCHEDULE", schedule.getStatus())
                : new Instance(name, "ONE_OFF", ((OneOffJobBootstrap) bootstrap).getStatus())));
        result.sort(Comparator.comparing((Instance each) -> each.status().jobName()).thenComparing(Instance::beanName));
        return result;
    }

    /** @return the job names, ordered */
    List<String> jobNames() {
        return instances().stream().map(each -> each.status().jobName()).distinct().toList();
    }

    /** @return the first instance of the job, if the application runs it */
    Optional<Instance> instance(String jobName) {
        return instances().stream().filter(each -> each.status().jobName().equals(jobName)).findFirst();
    }

    /** @return how many items the application's instances of the job own */
    int ownedItems(String jobName) {
        return instances().stream().filter(each -> each.status().jobName().equals(jobName))
                .mapToInt(each -> each.status().ownedItems().size()).sum();
    }

    private Map<String, Object> lookUp() {
        Map<String, Object> result = new LinkedHashMap<>(beanFactory.getBeansOfType(ScheduleJobBootstrap.class, false, false));
        result.putAll(beanFactory.getBeansOfType(OneOffJobBootstrap.class, false, false));
        return result;
    }
}
