package io.cronshard.testsupport;

import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, single-node ZooKeeper server for tests (Curator's {@link TestingServer}) on a random free
 * port, plus the clients tests need against it. Every client it hands out is closed by
 * {@link #close()}, before the server stops.
 *
 * <p>As a JUnit 5 extension on a static field, the server runs for the whole test class:
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();
 *
 * @Test
 * void storesConfig() {
 *     CoordinatorRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("config"));
 *     ...
 * }
 * }</pre>
 * Add {@code @AfterEach void closeClients() { ZOOKEEPER.closeClients(); }} to end each test's sessions
 * with the test. Without JUnit: {@code try (EmbeddedZookeeper zookeeper = new EmbeddedZookeeper().start()) { ... }}.
 *
 * <p>Registry centers from {@link #newRegistryCenter(String)} use short timeouts
 * ({@value #SESSION_TIMEOUT_MILLISECONDS} ms session, {@value #CONNECTION_TIMEOUT_MILLISECONDS} ms
 * connection, retries every {@value #BASE_SLEEP_MILLISECONDS}..{@value #MAX_SLEEP_MILLISECONDS} ms, at
 * most {@value #MAX_RETRIES} times), so that failure and recovery tests finish quickly. Tests that
 * share a server should each use their own namespace ({@link #uniqueNamespace(String)}).
 *
 * <p>Outages: {@link #stop()} and {@link #restart()} take the server down and bring it back on the
 * same port with its data; {@link #expireSession(CoordinatorRegistryCenter)} ends a client's session
 * on the server, as a long network partition would.
 */
public final class EmbeddedZookeeper implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Session timeout of the registry centers this fixture creates. */
    public static final int SESSION_TIMEOUT_MILLISECONDS = 10000;
    /** Connection timeout of the registry centers this fixture creates. */
    public static final int CONNECTION_TIMEOUT_MILLISECONDS = 5000;
    /** First retry wait of the registry centers this fixture creates. */
    public static final int BASE_SLEEP_MILLISECONDS = 100;
    /** Longest retry wait of the registry centers this fixture creates. */
    public static final int MAX_SLEEP_MILLISECONDS = 1000;
    /** Retries of the registry centers this fixture creates. */
    public static final int MAX_RETRIES = 3;
    /** The server's tick: sessions may last from 2 to 20 ticks. */
    public static final int TICK_MILLISECONDS = 500;

    private static final AtomicInteger NAMESPACE_SEQUENCE = new AtomicInteger();

    private final List<AutoCloseable> clients = Collections.synchronizedList(new ArrayList<>());
    private TestingServer server;

    /** Creates the fixture; the server starts in {@link #start()} (or before all tests, as an extension). */
    public EmbeddedZookeeper() {
    }

    /**
     * Starts the server on a random free port; does nothing when it already runs.
     *
     * @return this
     */
    public synchronized EmbeddedZookeeper start() {
        if (server == null) {
            try {
                // a short tick lets tests use sessions down to 1 s (the server allows 2 to 20 ticks)
                server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLISECONDS, -1), true);
            } catch (Exception ex) {
                throw new IllegalStateException("Cannot start the embedded ZooKeeper", ex);
            }
        }
        return this;
    }

    /** @return {@code host:port} of the server, for {@link ZookeeperConfiguration#setServerLists(String)} */
    public synchronized String getConnectString() {
        return running().getConnectString();
    }

    /** @return the server's port; it stays the same across {@link #stop()} and {@link #restart()} */
    public synchronized int getPort() {
        return running().getPort();
    }

    /**
     * @param prefix a readable part, e.g. the test's subject
     * @return a namespace no other call in this JVM returns, so that tests sharing a server do not meet
     */
    public String uniqueNamespace(String prefix) {
        return prefix + "-" + NAMESPACE_SEQUENCE.incrementAndGet();
    }

    /**
     * @param namespace the namespace
     * @return a configuration for this server with the fixture's short timeouts, to adjust (e.g. a
     *         digest) before passing it to {@link #newRegistryCenter(ZookeeperConfiguration)}
     */
    public ZookeeperConfiguration newZookeeperConfiguration(String namespace) {
        ZookeeperConfiguration result = new ZookeeperConfiguration(getConnectString(), namespace);
        result.setSessionTimeoutMilliseconds(SESSION_TIMEOUT_MILLISECONDS);
        result.setConnectionTimeoutMilliseconds(CONNECTION_TIMEOUT_MILLISECONDS);
        result.setBaseSleepTimeMilliseconds(BASE_SLEEP_MILLISECONDS);
        result.setMaxSleepTimeMilliseconds(MAX_SLEEP_MILLISECONDS);
        result.setMaxRetries(MAX_RETRIES);
        return result;
    }

    /**
     * @param namespace the namespace
     * @return an initialised registry center on this server with the fixture's short timeouts; closed by {@link #close()}
     */
    public ZookeeperRegistryCenter newRegistryCenter(String namespace) {
        return newRegistryCenter(newZookeeperConfiguration(namespace));
    }

    /**
     * @param config any configuration, usually from {@link #newZookeeperConfiguration(String)}
     * @return an initialised registry center; closed by {@link #close()} (closing it earlier is fine)
     */
    public ZookeeperRegistryCenter newRegistryCenter(ZookeeperConfiguration config) {
        ZookeeperRegistryCenter result = new ZookeeperRegistryCenter(config);
        clients.add(result);
        result.init();
        return result;
    }

    /**
     * @return a started, connected Curator client without namespace or credentials, to look at the
     *         raw tree (e.g. {@code /namespace/job/config}); closed by {@link #close()}
     */
    public CuratorFramework newRawClient() {
        CuratorFramework result = CuratorFrameworkFactory.builder()
                .connectString(getConnectString())
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLISECONDS)
                .connectionTimeoutMs(CONNECTION_TIMEOUT_MILLISECONDS)
                .retryPolicy(new ExponentialBackoffRetry(BASE_SLEEP_MILLISECONDS, MAX_RETRIES, MAX_SLEEP_MILLISECONDS))
                .build();
        clients.add(result);
        result.start();
        try {
            if (!result.blockUntilConnected(CONNECTION_TIMEOUT_MILLISECONDS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Raw client cannot connect to " + getConnectString());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return result;
    }

    /**
     * Ends the registry center's current session on the server, as the server does after a
     * partition longer than the session timeout: its ephemeral nodes go, its watchers get
     * {@code Expired}, and Curator then opens a new session.
     *
     * @param registryCenter a registry center connected to this server
     */
    public void expireSession(CoordinatorRegistryCenter registryCenter) {
        expireSession((CuratorFramework) registryCenter.getRawClient());
    }

    /**
     * Ends a client's current session on the server, as {@link #expireSession(CoordinatorRegistryCenter)}.
     *
     * @param client a client connected to this server
     */
    public void expireSession(CuratorFramework client) {
        try {
            ZooKeeper victim = client.getZookeeperClient().getZooKeeper();
            CountDownLatch connected = new CountDownLatch(1);
            Watcher watcher = event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            };
            // a second connection to the same session, closed at once, closes the session for everyone
            ZooKeeper intruder = new ZooKeeper(getConnectString(), SESSION_TIMEOUT_MILLISECONDS, watcher,
                    victim.getSessionId(), victim.getSessionPasswd());
            try {
                if (!connected.await(CONNECTION_TIMEOUT_MILLISECONDS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Cannot join session 0x" + Long.toHexString(victim.getSessionId()) + " to expire it");
                }
            } finally {
                intruder.close();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot expire the session of " + client, ex);
        }
    }

    /**
     * Cuts a registry center off as a crash or a partition would: its client drops the session at
     * once (it sees {@code Expired}, Curator reports LOST and opens a new session), while the server
     * hears nothing more from it and expires the old session only after the session timeout,
     * deleting its ephemeral nodes then, all in one transaction. This is curator-test's
     * {@code KillSession} in Curator 5.
     *
     * @param registryCenter a registry center connected to this server
     */
    public void crashSession(CoordinatorRegistryCenter registryCenter) {
        try {
            ((CuratorFramework) registryCenter.getRawClient()).getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot crash the session of " + registryCenter, ex);
        }
    }

    /** Takes the server down, keeping its port and data for {@link #restart()}; clients see a lost connection. */
    public synchronized void stop() {
        try {
            running().stop();
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot stop the embedded ZooKeeper", ex);
        }
    }

    /** Brings the server back (after {@link #stop()}, or bounces a running one) on the same port with the same data. */
    public synchronized void restart() {
        try {
            running().restart();
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot restart the embedded ZooKeeper", ex);
        }
    }

    /**
     * Closes every client this fixture handed out so far, newest first, and keeps the server running;
     * call it from {@code @AfterEach} so that one test's sessions do not outlive it.
     */
    public void closeClients() {
        List<AutoCloseable> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable each : toClose) {
            try {
                each.close();
            } catch (Exception ex) {
                // a client that fails to close must not keep the others or the server alive
            }
        }
    }

    /** Closes every client this fixture handed out, then stops the server and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        closeClients();
        if (server != null) {
            try {
                server.close();
            } catch (Exception ex) {
                throw new IllegalStateException("Cannot stop the embedded ZooKeeper", ex);
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private TestingServer running() {
        if (server == null) {
            throw new IllegalStateException("The embedded ZooKeeper is not started: call start() or register it with @RegisterExtension on a static field");
        }
        return server;
    }
}
