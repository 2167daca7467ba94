package io.cronshard.reg.zookeeper;

import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link CoordinatorRegistryCenter} on ZooKeeper through Apache Curator. One registry center
 * (one ZooKeeper session) serves every job of an application that uses the same namespace.
 */
public final class ZookeeperRegistryCenter implements CoordinatorRegistryCenter {

    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperRegistryCenter.class);

    /** The largest value {@link #persist} and {@link #persistEphemeral} write, in bytes: half of ZooKeeper's default request limit. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;

    private final ZookeeperConfiguration config;
    private final CuratorFramework client;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Validates the configuration; connects only in {@link #init()}.
     *
     * @param config where ZooKeeper is
     * @throws IllegalArgumentException naming the field when the configuration is invalid
     */
    public ZookeeperRegistryCenter(ZookeeperConfiguration config) {
        this.config = validate(config);
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(config.getServerLists())
                .namespace(config.getNamespace())
                .retryPolicy(new ExponentialBackoffRetry(config.getBaseSleepTimeMilliseconds(), config.getMaxRetries(),
                        config.getMaxSleepTimeMilliseconds()))
                .sessionTimeoutMs(config.getSessionTimeoutMilliseconds())
                .connectionTimeoutMs(config.getConnectionTimeoutMilliseconds());
        if (config.getDigest() != null && !config.getDigest().isEmpty()) {
            builder.authorization("digest", config.getDigest().getBytes(StandardCharsets.UTF_8)).aclProvider(new CreatorAclProvider());
        }
        client = builder.build();
    }

    private static ZookeeperConfiguration validate(ZookeeperConfiguration config) {
        if (config == null) {
            throw new IllegalArgumentException("ZookeeperConfiguration must not be null");
        }
        ConnectionSettings.validateServerLists(config.getServerLists());
        ConnectionSettings.validateNamespace(config.getNamespace());
        ConnectionSettings.validateDigest(config.getDigest());
        if (config.getConnectionTimeoutMilliseconds() <= 0 || config.getSessionTimeoutMilliseconds() <= 0) {
            throw new IllegalArgumentException("Invalid 'connectionTimeoutMilliseconds'/'sessionTimeoutMilliseconds': both must be positive");
        }
        if (config.getMaxRetries() < 0 || config.getBaseSleepTimeMilliseconds() < 0 || config.getMaxSleepTimeMilliseconds() < 0) {
            throw new IllegalArgumentException("Invalid retry settings: 'maxRetries', 'baseSleepTimeMilliseconds' and 'maxSleepTimeMilliseconds' must not be negative");
        }
        return config;
    }

    @Override
    public void init() {
        if (closed.get()) {
            throw new IllegalStateException("This registry center is closed (a failed init() closes it too); create a new one");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Connecting to ZooKeeper {} (namespace '{}')", config.getServerLists(), config.getNamespace());
        client.start();
        boolean connected;
        try {
            connected = client.blockUntilConnected(config.getConnectionTimeoutMilliseconds(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close();
            throw new RegistryCenterException("Interrupted while connecting to ZooKeeper at '" + config.getServerLists() + "'", ex);
        }
        if (!connected) {
            close();
            throw new RegistryCenterException("Cannot connect to ZooKeeper at '" + config.getServerLists() + "' (namespace '"
                    + config.getNamespace() + "') within connectionTimeoutMilliseconds=" + config.getConnectionTimeoutMilliseconds() + " ms");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    /** @return the configuration this registry center was built with */
    public ZookeeperConfiguration getZookeeperConfiguration() {
        return config;
    }

    @Override
    public String get(String key) {
        try {
            byte[] data = client.getData().forPath(key);
            return data == null ? "" : new String(data, StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException ex) {
            return null;
        } catch (Exception ex) {
            throw failure("read", key, ex);
        }
    }

    @Override
    public boolean isExisted(String key) {
        try {
            return client.checkExists().forPath(key) != null;
        } catch (Exception ex) {
            throw failure("check", key, ex);
        }
    }

    @Override
    public List<String> getChildrenKeys(String key) {
        try {
            List<String> result = new ArrayList<>(client.getChildren().forPath(key));
            Collections.sort(result);
            return result;
        } catch (KeeperException.NoNodeException ex) {
            return Collections.emptyList();
        } catch (Exception ex) {
            throw failure("list", key, ex);
        }
    }

    @Override
    public void persist(String key, String value) {
        byte[] data = sized(key, value);
        try {
            client.create().orSetData().creatingParentsIfNeeded().forPath(key, data);
        } catch (Exception ex) {
            throw failure("write", key, ex);
        }
    }

    @Override
    public void persistEphemeral(String key, String value) {
        byte[] data = sized(key, value);
        try {
            client.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(key, data);
        } catch (Exception ex) {
            throw failure("write", key, ex);
        }
    }

    @Override
    public void remove(String key) {
        try {
            client.delete().deletingChildrenIfNeeded().forPath(key);
        } catch (KeeperException.NoNodeException ex) {
            LOG.debug("Nothing to remove at {}", key);
        } catch (Exception ex) {
            throw failure("remove", key, ex);
        }
    }

    /** A value larger than a request may carry would make the server drop the connection every job shares: refused here. */
    private static byte[] sized(String key, String value) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        if (data.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("Cannot write '" + key + "': the value takes " + data.length + " bytes; at most "
                    + MAX_VALUE_BYTES + " bytes are written to a node (ZooKeeper's request limit, jute.maxbuffer, is 1 MiB by default)");
        }
        return data;
    }

    @Override
    public Object getRawClient() {
        return client;
    }

    private RegistryCenterException failure(String what, String key, Exception ex) {
        if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new RegistryCenterException("Cannot " + what + " '" + key + "' in ZooKeeper at '" + config.getServerLists() + "': " + ex, ex);
    }

    @Override
    public String toString() {
        return "ZookeeperRegistryCenter{" + config.getServerLists() + "/" + config.getNamespace() + "}";
    }

    /** With a digest, every node Cronshard creates is readable and writable by its creator only. */
    private static final class CreatorAclProvider implements ACLProvider {

        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}
