package io.cronshard.benchmarks.support;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

/**
 * One instance of a job as an application would run it: its own registry center (its own
 * ZooKeeper session) and one bootstrap, through the public API only.
 */
public final class JobMember implements AutoCloseable {

    private final ZookeeperRegistryCenter regCenter;
    private final ScheduleJobBootstrap bootstrap;

    private JobMember(ZookeeperRegistryCenter regCenter, ScheduleJobBootstrap bootstrap) {
        this.regCenter = regCenter;
        this.bootstrap = bootstrap;
    }

    /**
     * Connects a registry center and schedules the job.
     *
     * @param connectString ZooKeeper servers
     * @param namespace the registry's namespace
     * @param sessionTimeoutMillis the session timeout asked of the server
     * @param job the body
     * @param config the job
     * @return the scheduled instance
     */
    public static JobMember start(String connectString, String namespace, int sessionTimeoutMillis, SimpleJob job, JobConfiguration config) {
        ZookeeperRegistryCenter regCenter = connect(connectString, namespace, sessionTimeoutMillis);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config);
        try {
            bootstrap.schedule();
        } catch (RuntimeException ex) {
            regCenter.close();
            throw ex;
        }
        return new JobMember(regCenter, bootstrap);
    }

    /**
     * @param connectString ZooKeeper servers
     * @param namespace the registry's namespace
     * @param sessionTimeoutMillis the session timeout asked of the server
     * @return an initialised registry center
     */
    public static ZookeeperRegistryCenter connect(String connectString, String namespace, int sessionTimeoutMillis) {
        ZookeeperConfiguration zk = new ZookeeperConfiguration(connectString, namespace);
        zk.setSessionTimeoutMilliseconds(sessionTimeoutMillis);
        zk.setConnectionTimeoutMilliseconds(10_000);
        ZookeeperRegistryCenter result = new ZookeeperRegistryCenter(zk);
        result.init();
        return result;
    }

    /** @return the instance id */
    public String instanceId() {
        return bootstrap.getJobInstanceId();
    }

    /** @return the session timeout the server granted, in milliseconds */
    public int negotiatedSessionTimeoutMillis() {
        return ((org.apache.curator.framework.CuratorFramework) regCenter.getRawClient()).getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
    }

    /** Shuts the job down gracefully and closes the session. */
    @Override
    public void close() {
        try {
            bootstrap.shutdown();
        } finally {
            regCenter.close();
        }
    }
}
