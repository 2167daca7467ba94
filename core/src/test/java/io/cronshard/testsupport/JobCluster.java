package io.cronshard.testsupport;

import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What each integration test of a job cluster sets up and tears down: a fresh namespace on the
 * class's {@link EmbeddedZookeeper}, an {@link ExecutionRecorder}, {@link JobInstances} that record
 * into it, a raw client to look at the tree ({@link #tree()}), and the operations APIs. As a JUnit 5
 * extension on an instance field, next to the server's static one:
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();
 *
 * @RegisterExtension
 * final JobCluster cluster = new JobCluster(ZOOKEEPER, "sharding");
 * }</pre>
 * After each test every instance is shut down and every client closed.
 */
public final class JobCluster implements BeforeEachCallback, AfterEachCallback {

    private final EmbeddedZookeeper zookeeper;
    private final String prefix;
    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private int sessionTimeoutMillis = EmbeddedZookeeper.SESSION_TIMEOUT_MILLISECONDS;
    private String namespace;
    private JobInstances instances;
    private CuratorFramework raw;
    private ZookeeperRegistryCenter admin;
    private JobOperateAPI operate;
    private JobConfigurationAPI configuration;

    /**
     * @param zookeeper the class's server
     * @param prefix a readable part of each test's namespace
     */
    public JobCluster(EmbeddedZookeeper zookeeper, String prefix) {
        this.zookeeper = zookeeper;
        this.prefix = prefix;
    }

    /**
     * @param millis the session timeout of the instances this cluster starts
     * @return this
     */
    public JobCluster sessionTimeout(int millis) {
        this.sessionTimeoutMillis = millis;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        namespace = zookeeper.uniqueNamespace(prefix);
        instances = new JobInstances(zookeeper, namespace, recorder).sessionTimeout(sessionTimeoutMillis);
        raw = zookeeper.newRawClient();
        admin = zookeeper.newRegistryCenter(namespace);
        operate = JobAPIFactory.createJobOperateAPI(admin);
        configuration = JobAPIFactory.createJobConfigurationAPI(admin);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        instances.close();
        zookeeper.closeClients();
    }

    /** @return this test's namespace */
    public String namespace() {
        return namespace;
    }

    /** @return where every instance records its executions */
    public ExecutionRecorder recorder() {
        return recorder;
    }

    /** @return the instances of this test */
    public JobInstances instances() {
        return instances;
    }

    /** @return a client without namespace, to look at the raw tree */
    public CuratorFramework raw() {
        return raw;
    }

    /** @return the tree of this test's namespace */
    public JobTree tree() {
        return new JobTree(raw, namespace);
    }

    /** @return a registry center on this test's namespace, for the operations APIs */
    public ZookeeperRegistryCenter admin() {
        return admin;
    }

    /** @return the operations API on this test's namespace */
    public JobOperateAPI operate() {
        return operate;
    }

    /** @return the configuration API on this test's namespace */
    public JobConfigurationAPI configuration() {
        return configuration;
    }
}
