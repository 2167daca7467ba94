package io.cronshard.bootstrap;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobInstanceStatus;
import io.cronshard.api.listener.JobListener;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.job.JobCoordinator;
import io.cronshard.reg.CoordinatorRegistryCenter;

import java.util.Arrays;

/**
 * Runs a job on its cron on this instance, in coordination with every other instance of the
 * job: {@link #schedule()} joins, {@link #shutdown()} leaves gracefully. Any number of bootstraps
 * (of different jobs, or of the same job) can run in one JVM; they share one scheduler.
 */
public final class ScheduleJobBootstrap {

    private final JobCoordinator coordinator;

    /**
     * @param regCenter an initialised registry center
     * @param job the job's body: a {@code SimpleJob} or a {@code DataflowJob}
     * @param jobConfig the configuration; needs a cron
     * @param listeners called before and after each fire on this instance
     * @throws JobConfigurationException when the configuration has no cron or the job is of an unsupported kind
     */
    public ScheduleJobBootstrap(CoordinatorRegistryCenter regCenter, Job job, JobConfiguration jobConfig, JobListener... listeners) {
        this(regCenter, ItemRunner.of(job), jobConfig, listeners);
    }

    /**
     * @param regCenter an initialised registry center
     * @param jobType a job type name, e.g. SCRIPT or HTTP
     * @param jobConfig the configuration; needs a cron
     * @param listeners called before and after each fire on this instance
     * @throws JobConfigurationException when the type is unknown or the configuration has no cron
     */
    public ScheduleJobBootstrap(CoordinatorRegistryCenter regCenter, String jobType, JobConfiguration jobConfig, JobListener... listeners) {
        this(regCenter, ItemRunner.of(jobType), jobConfig, listeners);
    }

    private ScheduleJobBootstrap(CoordinatorRegistryCenter regCenter, ItemRunner runner, JobConfiguration jobConfig, JobListener... listeners) {
        if (jobConfig != null && jobConfig.getCron() == null) {
            throw JobConfigurationException.invalid("cron", null,
                    "ScheduleJobBootstrap needs a Quartz cron expression such as '0/5 * * * * ?'; use OneOffJobBootstrap for a job run on demand");
        }
        coordinator = new JobCoordinator(regCenter, runner, jobConfig, listeners == null ? null : Arrays.asList(listeners), true);
    }

    /**
     * Stores or loads the configuration, registers this instance and starts firing on the cron.
     * Everything that can be refused is checked before this returns (the stored configuration,
     * the cron, the pluggable types, ZooKeeper being reachable; the clock when
     * {@code maxTimeDiffSeconds >= 0}); the registration's write and the first load of the job's
     * state then complete in the background, in a few milliseconds, so that scheduling many jobs
     * does not wait on ZooKeeper's disk once per job. The job fires from its first fire after
     * that; a failure there is logged at ERROR and stops this instance.
     *
     * @throws JobConfigurationException when the configuration stored in ZooKeeper is invalid
     * @throws io.cronshard.reg.RegistryCenterException when ZooKeeper cannot be reached
     * @throws IllegalStateException when called twice, or before the registry center's {@code init()}
     */
    public void schedule() {
        coordinator.start();
    }

    /**
     * Stops firing, lets running items end (up to a minute), removes this instance's nodes and
     * releases its threads. Idempotent.
     */
    public void shutdown() {
        coordinator.shutdown();
    }

    /** @return this instance's id, e.g. {@code 10.0.0.5@-@4242}; null before {@link #schedule()} */
    public String getJobInstanceId() {
        return coordinator.getInstanceId();
    }

    /**
     * What this instance is doing now, from its own state (no ZooKeeper request): whether it is
     * registered and in contact with ZooKeeper, the items it owns and runs, its next and last fire.
     *
     * @return a snapshot
     */
    public JobInstanceStatus getStatus() {
        return coordinator.status();
    }

    /**
     * Dumps this instance's view of the job: every node of the job's subtree with its value in
     * ZooKeeper and in this instance's cache side by side, differences marked. Also served on
     * 127.0.0.1 when the system property {@code cronshard.dump.port} names a port.
     *
     * @return the dump, one line per node
     */
    public String dump() {
        return coordinator.dump();
    }
}
