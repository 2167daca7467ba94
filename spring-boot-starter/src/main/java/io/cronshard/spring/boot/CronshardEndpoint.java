package io.cronshard.spring.boot;

import io.cronshard.api.JobInstanceStatus;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code cronshard} Actuator endpoint: the jobs of this application as this instance sees them, and a trigger.
 * <ul>
 *   <li>read {@code /actuator/cronshard}: every job with its items owned and running here, its next and last fire;</li>
 *   <li>read {@code /actuator/cronshard/{jobName}}: one job (404 when the application does not run it);</li>
 *   <li>write ({@code POST}) {@code /actuator/cronshard/{jobName}}: runs the job once now on every live instance, each
 *       on its own items ({@code JobOperateAPI.trigger}).</li>
 * </ul>
 * Not exposed over HTTP unless listed in {@code management.endpoints.web.exposure.include}; read-only by default, so the
 * trigger needs {@code management.endpoint.cronshard.access=unrestricted} as well (and whatever security the application
 * puts on Actuator's write operations).
 */
@Endpoint(id = "cronshard", defaultAccess = Access.READ_ONLY)
public class CronshardEndpoint {

    private final ApplicationJobs jobs;
    private final ListableBeanFactory beanFactory;

    CronshardEndpoint(ApplicationJobs jobs, ListableBeanFactory beanFactory) {
        this.jobs = jobs;
        this.beanFactory = beanFactory;
    }

    /** @return every job of the application, ordered by name */
    @ReadOperation
    public JobsDescriptor jobs() {
        return new JobsDescriptor(jobs.instances().stream().map(JobDescriptor::of).toList());
    }

    /**
     * @param jobName a job
     * @return the job, or null (404) when the application does not run it
     */
    @ReadOperation
    public JobDescriptor job(@Selector String jobName) {
        return jobs.instance(jobName).map(JobDescriptor::of).orElse(null);
    }

    /**
     * Runs the job once now on every live instance, each on its own items; an instance still running it runs it once more
     * right after.
     *
     * @param jobName a job of this application
     * @return what was asked
     */
    @WriteOperation
    public TriggerDescriptor trigger(@Selector String jobName) {
        if (jobs.instance(jobName).isEmpty()) {
            throw new InvalidEndpointRequestException("No job named '" + jobName + "' runs in this application; its jobs: " + jobs.jobNames(),
                    "No such job");
        }
        Map<String, CoordinatorRegistryCenter> registryCenters = beanFactory.getBeansOfType(CoordinatorRegistryCenter.class);
        List<CoordinatorRegistryCenter> holding = registryCenters.size() == 1 ? List.copyOf(registryCenters.values())
                : registryCenters.values().stream().filter(each -> each.isExisted("/" + jobName + "/config")).toList();
        for (CoordinatorRegistryCenter each : holding) {
            try (JobOperateAPI operate = JobAPIFactory.createJobOperateAPI(each)) {
                operate.trigger(jobName);
            }
        }
        return new TriggerDescriptor(jobName, Instant.now());
    }

    /**
     * The jobs of the application.
     *
     * @param jobs one per instance of a job in this application, ordered by job name
     */
    public record JobsDescriptor(List<JobDescriptor> jobs) implements OperationResponseBody {
    }

    /**
     * A job as this instance sees it.
     *
     * @param jobName the job
     * @param type {@code SCHEDULE} (a cron job) or {@code ONE_OFF}
     * @param beanName its bootstrap's bean name
     * @param instanceId this instance's id, null before it is registered
     * @param registered whether the instance is registered in ZooKeeper
     * @param connected whether it is in contact with ZooKeeper
     * @param leader whether it is the job's leader
     * @param ownedItems the items it owns in the current split
     * @param runningItems the items running here now
     * @param nextFireTime when the cron fires next here, null for a one-off job
     * @param lastFire the last fire that ran items here, null before the first
     */
    public record JobDescriptor(String jobName, String type, String beanName, String instanceId, boolean registered, boolean connected,
                                boolean leader, List<Integer> ownedItems, List<Integer> runningItems, Instant nextFireTime,
                                LastFireDescriptor lastFire) implements OperationResponseBody {

        static JobDescriptor of(ApplicationJobs.Instance instance) {
            JobInstanceStatus status = instance.status();
            JobInstanceStatus.LastFire last = status.lastFire();
            return new JobDescriptor(status.jobName(), instance.type(), instance.beanName(), status.instanceId(), status.registered(),
                    status.connected(), status.leader(), status.ownedItems(), status.runningItems(), status.nextFireTime(),
                    last == null ? null : new LastFireDescriptor(last.startTime(), last.endTime(), last.executionSource(), last.items(),
                            last.failedItems(), last.succeeded()));
        }
    }

    /**
     * The last fire of a job here.
     *
     * @param startTime when its first item started
     * @param endTime when its last item ended, null while it runs
     * @param executionSource NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param items the items it ran here
     * @param failedItems the items whose body threw
     * @param succeeded whether it ended and every item returned normally
     */
    public record LastFireDescriptor(Instant startTime, Instant endTime, String executionSource, List<Integer> items, List<Integer> failedItems,
                                     boolean succeeded) {
    }

    /**
     * A trigger sent.
     *
     * @param jobName the job
     * @param triggeredAt when
     */
    public record TriggerDescriptor(String jobName, Instant triggeredAt) implements OperationResponseBody {
    }
}
