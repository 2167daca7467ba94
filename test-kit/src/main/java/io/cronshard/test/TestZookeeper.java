package io.cronshard.test;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.IOException;

/**
 * A ZooKeeper server inside the test's JVM (Curator's {@code TestingServer}) on a free port of 127.0.0.1, with its data
 * in a temporary directory removed by {@link #close()}. Its tick is {@value #TICK_MILLIS} ms, so the server grants any
 * session timeout between 1 and 10 seconds: a crashed or cut-off instance is noticed within seconds, and a longer
 * {@code sessionTimeoutMilliseconds} is cut to 10 s.
 *
 * <p>{@link #stop()} and {@link #restart()} simulate an outage: the clients lose their connection, then find the same
 * server, with the same data and port, again.
 */
public final class TestZookeeper implements AutoCloseable {

    /** The server's tick: sessions may last from 2 to 20 ticks. */
    public static final int TICK_MILLIS = 500;

    private final TestingServer server;

    private TestZookeeper(TestingServer server) {
        this.server = server;
    }

    /**
     * Starts a server.
     *
     * @return the running server
     * @throws IllegalStateException when it cannot start
     */
    public static TestZookeeper start() {
        try {
            return new TestZookeeper(new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1), true));
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot start an in-process ZooKeeper: " + ex, ex);
        }
    }

    /** @return the address to connect to, e.g. {@code 127.0.0.1:41234}: a {@code cronshard.reg-center.server-lists} */
    public String connectString() {
        return server.getConnectString();
    }

    /** @return the port it listens on */
    public int port() {
        return server.getPort();
    }

    /** Stops the server, keeping its data and port: every client loses its connection (SUSPENDED, then LOST). */
    public void stop() {
        try {
            server.stop();
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot stop the in-process ZooKeeper: " + ex, ex);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port with the same data. */
    public void restart() {
        try {
            server.restart();
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot restart the in-process ZooKeeper: " + ex, ex);
        }
    }

    /** Stops the server and deletes its data. Idempotent. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot close the in-process ZooKeeper: " + ex, ex);
        }
    }

    @Override
    public String toString() {
        return "TestZookeeper[" + connectString() + "]";
    }
}
