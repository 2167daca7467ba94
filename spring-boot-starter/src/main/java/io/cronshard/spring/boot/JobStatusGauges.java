package io.cronshard.spring.boot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Two gauges per job of the application, tagged {@code job}: {@code cronshard.items.owned} (the items this application's
 * instances of the job own in the current split) and {@code cronshard.registry.connected} (1 while the registry center
 * is in contact with ZooKeeper, 0 while suspended or after the session is lost). Read from the bootstraps' local status
 * and Curator's connection state when the registry is scraped. Registered once every singleton exists, so that every
 * bootstrap of the context (from properties, XML or a {@code @Bean}) is counted.
 */
final class JobStatusGauges implements SmartInitializingSingleton {

    private final MeterRegistry registry;
    private final ApplicationJobs jobs;
    private final RegistryConnections connections;

    JobStatusGauges(MeterRegistry registry, ApplicationJobs jobs, RegistryConnections connections) {
        this.registry = registry;
        this.jobs = jobs;
        this.connections = connections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String jobName : jobs.jobNames()) {
            Gauge.builder("cronshard.items.owned", jobs, each -> each.ownedItems(jobName))
                    .description("Items of the job this application's instances own in the current split")
                    .tag("job", jobName).strongReference(true).register(registry);
            Gauge.builder("cronshard.registry.connected", connections,
                            each -> each.state() == RegistryConnections.State.CONNECTED ? 1 : 0)
                    .description("1 while the job's registry center is in contact with ZooKeeper, 0 while suspended or after the session is lost")
                    .tag("job", jobName).strongReference(true).register(registry);
        }
    }
}
