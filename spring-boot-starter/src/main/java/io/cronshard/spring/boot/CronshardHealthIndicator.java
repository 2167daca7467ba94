package io.cronshard.spring.boot;

import io.cronshard.api.JobInstanceStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cronshard} health contributor: whether this application takes part in its jobs.
 * <ul>
 *   <li>{@code DOWN}: the ZooKeeper session is lost and not yet re-established (the instances are out of their jobs;
 *       their items go to other instances).</li>
 *   <li>{@code OUT_OF_SERVICE}: ZooKeeper does not answer (suspended: nothing starts here until it does), or a job of
 *       this application is not registered (still starting, registering again after a new session, or shut down).</li>
 *   <li>{@code UP}: connected, and every job of the application is registered.</li>
 * </ul>
 * Details: the registry center's connection ({@code CONNECTED}, {@code SUSPENDED}, {@code LOST}) and, per job, whether
 * it is registered, the items it owns here and the result of its last fire here. Read from local state only: a health
 * check sends no request to ZooKeeper.
 */
public final class CronshardHealthIndicator implements HealthIndicator {

    private final ApplicationJobs jobs;
    private final RegistryConnections connections;

    CronshardHealthIndicator(ApplicationJobs jobs, RegistryConnections connections) {
        this.jobs = jobs;
        this.connections = connections;
    }

    @Override
    public Health health() {
        List<ApplicationJobs.Instance> instances = jobs.instances();
        Map<String, Object> perJob = new LinkedHashMap<>();
        boolean allRegistered = true;
        boolean allConnected = true;
        for (ApplicationJobs.Instance each : instances) {
            JobInstanceStatus status = each.status();
            allRegistered &= status.registered();
            allConnected &= status.connected();
            perJob.putIfAbsent(status.jobName(), details(status));
        }
        RegistryConnections.State connection = connections.isTracked() ? connections.state()
                : allConnected ? RegistryConnections.State.CONNECTED : RegistryConnections.State.SUSPENDED;
        Status status = switch (connection) {
            case LOST -> Status.DOWN;
            case SUSPENDED -> Status.OUT_OF_SERVICE;
            case CONNECTED -> allRegistered ? Status.UP : Status.OUT_OF_SERVICE;
        };
        Health.Builder health = Health.status(status);
        Map<String, RegistryConnections.State> states = connections.states();
        health.withDetail("registryCenter", states.size() > 1 ? states : connection);
        return health.withDetail("jobs", perJob).build();
    }

    private static Map<String, Object> details(JobInstanceStatus status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("registered", status.registered());
        result.put("ownedItems", status.ownedItems());
        JobInstanceStatus.LastFire last = status.lastFire();
        result.put("lastFire", last == null ? "NONE" : last.endTime() == null ? "RUNNING" : last.succeeded() ? "SUCCEEDED" : "FAILED");
        if (last != null) {
            result.put("lastFireStart", last.startTime().toString());
            if (!last.failedItems().isEmpty()) {
                result.put("lastFireFailedItems", last.failedItems());
            }
        }
        return result;
    }
}
