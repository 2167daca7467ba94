package io.cronshard.testsupport;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Several instances of one job in one JVM, each with its own registry center (its own ZooKeeper
 * session, as separate processes would have), recording into one {@link ExecutionRecorder} (or
 * running the bodies another factory makes, e.g. {@link CheckpointLedger#jobFor(String)}).
 * Close it to shut every instance down.
 */
public final class JobInstances implements AutoCloseable {

    private final EmbeddedZookeeper zookeeper;
    private final String namespace;
    private final Function<String, SimpleJob> jobs;
    private final Map<String, ScheduleJobBootstrap> bootstraps = new LinkedHashMap<>();
    private final Map<String, ZookeeperRegistryCenter> regCenters = new LinkedHashMap<>();
    private int sessionTimeoutMillis = EmbeddedZookeeper.SESSION_TIMEOUT_MILLISECONDS;

    /**
     * @param zookeeper the server
     * @param namespace the namespace all instances share
     * @param recorder where executions are recorded
     */
    public JobInstances(EmbeddedZookeeper zookeeper, String namespace, ExecutionRecorder recorder) {
        this(zookeeper, namespace, recorder::jobFor);
    }

    /**
     * @param zookeeper the server
     * @param namespace the namespace all instances share
     * @param jobs instance label → the body it runs
     */
    public JobInstances(EmbeddedZookeeper zookeeper, String namespace, Function<String, SimpleJob> jobs) {
        this.zookeeper = zookeeper;
        this.namespace = namespace;
        this.jobs = jobs;
    }

    /**
     * @param millis the session timeout of instances started from now on
     * @return this
     */
    public JobInstances sessionTimeout(int millis) {
        this.sessionTimeoutMillis = millis;
        return this;
    }

    /**
     * Starts an instance.
     *
     * @param label the instance's label in the recorder
     * @param config the job configuration
     * @return the bootstrap
     */
    public ScheduleJobBootstrap start(String label, JobConfiguration config) {
        return start(label, config, zookeeper.getConnectString());
    }

    /**
     * Starts an instance that reaches ZooKeeper through another address (a {@link TcpProxy}).
     *
     * @param label the instance's label in the recorder
     * @param config the job configuration
     * @param connectString where the instance connects
     * @return the bootstrap
     */
    public ScheduleJobBootstrap start(String label, JobConfiguration config, String connectString) {
        ZookeeperConfiguration zkConfig = zookeeper.newZookeeperConfiguration(namespace);
        zkConfig.setServerLists(connectString);
        zkConfig.setSessionTimeoutMilliseconds(sessionTimeoutMillis);
        ZookeeperRegistryCenter regCenter = zookeeper.newRegistryCenter(zkConfig);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, jobs.apply(label), config);
        bootstrap.schedule();
        bootstraps.put(label, bootstrap);
        regCenters.put(label, regCenter);
        return bootstrap;
    }

    /**
     * Shuts one instance down gracefully and closes its registry center.
     *
     * @param label the instance
     */
    public void stop(String label) {
        ScheduleJobBootstrap bootstrap = bootstraps.remove(label);
        if (bootstrap != null) {
            bootstrap.shutdown();
        }
        ZookeeperRegistryCenter regCenter = regCenters.remove(label);
        if (regCenter != null) {
            regCenter.close();
        }
    }

    /**
     * @param label the instance
     * @return its registry center
     */
    public ZookeeperRegistryCenter regCenter(String label) {
        return regCenters.get(label);
    }

    /**
     * @param label the instance
     * @return its bootstrap
     */
    public ScheduleJobBootstrap bootstrap(String label) {
        return bootstraps.get(label);
    }

    /** @return the labels of the running instances */
    public List<String> labels() {
        return new ArrayList<>(bootstraps.keySet());
    }

    @Override
    public void close() {
        for (String label : labels()) {
            stop(label);
        }
    }
}
