package io.cronshard.bootstrap;

import io.cronshard.api.Job;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.JobListener;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.job.JobCoordinator;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

import java.util.Arrays;

/**
 * A job run on demand: the instance joins at construction (its items are split among all
 * instances of the job like a scheduled job's), and each {@link #execute()} runs every item once
 * across the live instances. Execution is asynchronous: {@code execute()} returns once the run is
 * requested. A request that arrives while the job still runs is run once after it.
 */
public final class OneOffJobBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(OneOffJobBootstrap.class);
    private static final long STARTUP_WAIT_MILLIS = 10_000L;

    private final JobCoordinator coordinator;
    private final CoordinatorRegistryCenter regCenter;
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
        this.coordinator = new JobCoordinator(regCenter, runner, jobConfig, listeners == null ? null : Arrays.asList(listeners));
        this.regCenter = regCenter;
        this.jobName = jobConfig.getJobName();
        coordinator.start(false);
        try {
            if (!coordinator.awaitStarted(STARTUP_WAIT_MILLIS)) {
                LOG.warn("Job '{}' is not registered after {} ms; execute() runs it here once it is", jobName, STARTUP_WAIT_MILLIS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks every live instance of the job to run its items now, so that every enabled item runs
     * once. Returns without waiting for the run.
     */
    public void execute() {
        String instances = "/" + jobName + "/" + JobNodePaths.INSTANCES;
        CuratorFramework client = (CuratorFramework) regCenter.getRawClient();
        coordinator.triggerLocally();
        for (String each : regCenter.getChildrenKeys(instances)) {
            if (each.equals(coordinator.getInstanceId())) {
                continue;
            }
            try {
                client.setData().forPath(instances + "/" + each, JobNodePaths.TRIGGER.getBytes(StandardCharsets.UTF_8));
            } catch (KeeperException.NoNodeException gone) {
                // that instance left meanwhile
            } catch (Exception ex) {
                throw new RegistryCenterException("Cannot trigger instance " + each + " of job '" + jobName + "'", ex);
            }
        }
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
