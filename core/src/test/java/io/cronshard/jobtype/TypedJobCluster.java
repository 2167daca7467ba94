package io.cronshard.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobTree;
import org.apache.curator.framework.CuratorFramework;

import java.util.ArrayList;
import java.util.List;

/**
 * Several instances of a job given by type name ({@code SCRIPT}, {@code HTTP}), each with its own
 * registry center (its own session, as separate processes would have), in one namespace.
 * Close it to shut every instance down.
 */
final class TypedJobCluster implements AutoCloseable {

    private final EmbeddedZookeeper zookeeper;
    private final String namespace;
    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final List<ZookeeperRegistryCenter> regCenters = new ArrayList<>();
    private final CuratorFramework raw;
    private final JobTree tree;
    private final JobOperateAPI operateAPI;

    TypedJobCluster(EmbeddedZookeeper zookeeper, String namespace) {
        this.zookeeper = zookeeper;
        this.namespace = namespace;
        this.raw = zookeeper.newRawClient();
        this.tree = new JobTree(raw, namespace);
        this.operateAPI = JobAPIFactory.createJobOperateAPI(zookeeper.newRegistryCenter(namespace));
    }

    /**
     * Starts instances of the job and waits until its items are split across all of them.
     *
     * @param count how many instances
     * @param jobType the job type name
     * @param config the configuration, with a cron that does not fire during the test
     */
    void start(int count, String jobType, JobConfiguration config) {
        for (int i = 0; i < count; i++) {
            ZookeeperRegistryCenter regCenter = zookeeper.newRegistryCenter(namespace);
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, jobType, config);
            bootstrap.schedule();
            bootstraps.add(bootstrap);
            regCenters.add(regCenter);
        }
        tree.awaitSettled(config.getJobName(), config.getShardingTotalCount(), count);
    }

    /** Asks every instance to run its items once now. */
    void trigger(String job) {
        operateAPI.trigger(job);
    }

    /** Ends every instance's ZooKeeper session on the server, as a long partition would. */
    void expireSessions() {
        regCenters.forEach(zookeeper::expireSession);
    }

    /** @return whether anything of the job is stored in ZooKeeper */
    boolean stored(String job) throws Exception {
        return raw.checkExists().forPath("/" + namespace + "/" + job) != null;
    }

    @Override
    public void close() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        bootstraps.clear();
        regCenters.clear();
    }
}
