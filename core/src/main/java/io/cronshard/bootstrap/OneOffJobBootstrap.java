package io.cronshard.bootstrap;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobInstanceStatus;
import io.cronshard.api.listener.JobListener;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.job.JobCoordinator;
import io.cronshard.reg.CoordinatorRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * A job run on demand: the instance joins at construction (its items are split among all
 * instances of the job like a scheduled job's), and each {@link #execute()} runs, once, the items
 * this instance owns. Execution is asynchronous: {@code execute()} returns once the items are
 * dispatched. A request that arrives while they still run is run once after them.
 */
public final class OneOffJobBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(OneOffJobBootstrap.class);
    private static final long STARTUP_WAIT_MILLIS = 10_000L;
    /** How long {@link #execute()} waits for a re-split that is due. */
    static final long SPLIT_WAIT_MILLIS = 30_000L;

    private final JobCoordinator coordinator;
    private final String jobName;

    /**
     * Registers this instance of the job.
     *
     * @param regCenter an initialised registry center
     * @param job the job's body: a {@code SimpleJob} or a {@code DataflowJob}
     * @param jobConfig the configuration; must not have a cron
     * @param listeners called before and after each run on this instance
     */
    public OneOffJobBootstrap(CoordinatorRegistryCenter regCenter, Job job, JobConfiguration jobConfig, JobListener... listeners) {
        this(regCenter, ItemRunner.of(job), jobConfig, listeners);
    }

    /**
     * Registers this instance of the job.
     *
     * @param regCenter an initialised registry center
     * @param jobType a job type name, e.g. SCRIPT or HTTP
     * @param jobConfig the configuration; must not have a cron
     * @param listeners called before and after each run on this instance
     */
    public OneOffJobBootstrap(CoordinatorRegistryCenter regCenter, String jobType, JobConfiguration jobConfig, JobListener... listeners) {
        this(regCenter, ItemRunner.of(jobType), jobConfig, listeners);
    }

    private OneOffJobBootstrap(CoordinatorRegistryCenter regCenter, ItemRunner runner, JobConfiguration jobConfig, JobListener... listeners) {
        if (jobConfig != null && jobConfig.getCron() != null) {
            throw JobConfigurationException.invalid("cron", jobConfig.getCron(),
                    "OneOffJobBootstrap runs on demand and takes no cron; use ScheduleJobBootstrap for a cron job");
        }
        this.coordinator = new JobCoordinator(regCenter, runner, jobConfig, listeners == null ? null : Arrays.asList(listeners), false);
        this.jobName = jobConfig.getJobName();
        coordinator.start();
        try {
            if (!coordinator.awaitStarted(STARTUP_WAIT_MILLIS)) {
                LOG.warn("Job '{}' is not registered after {} ms; execute() runs it here once it is", jobName, STARTUP_WAIT_MILLIS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs, once, the items this instance owns in a split that includes every live instance of
     * the job, as ElasticJob's one-off {@code execute()} does. An instance that registered just
     * before this call is part of that split: when a re-split is due, this waits for the leader
     * to write it (up to {@value #SPLIT_WAIT_MILLIS} ms), so that no item runs on two instances
     * that call {@code execute()} at about the same time. Returns once the items are handed to
     * the job's executor, without waiting for them to end; a call that arrives while they still
     * run is run once after them. To run every item of the job once across all instances, use
     * {@link io.cronshard.lifecycle.JobOperateAPI#trigger(String)}.
     *
     * @throws IllegalStateException when the split did not settle in time (the run then starts
     *                               as soon as it has), or the instance cannot start items now
     *                               (no contact with ZooKeeper, shut down)
     */
    public void execute() {
        coordinator.runOwnItemsOnce(SPLIT_WAIT_MILLIS);
    }

    /** Leaves: lets running items end, removes this instance's nodes, releases its threads. Idempotent. */
    public void shutdown() {
        coordinator.shutdown();
    }

    /** @return this instance's id */
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
