package io.cronshard.internal.connection;

import io.cronshard.internal.runtime.Timers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * What one job instance does about its ZooKeeper connection. SUSPENDED: no new item starts
 * ({@link #isConnected()} turns false, and with it {@code isItemStillOwned()}). The client notices a
 * silent connection after two thirds of the session timeout, so the server may expire the session
 * one third later: running items are interrupted half-way through that last third unless the
 * connection comes back first, and at once on LOST. RECONNECTED: the instance recovers (registers
 * again, …) and only then starts items again ({@link #resumed()}).
 */
public final class ConnectionGuard implements ConnectionStateListener, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final String jobName;
    private final Timers timers;
    private final String timerKey;
    private final LongSupplier sessionTimeoutMillis;
    private final Runnable interrupt;
    private final Runnable recover;
    private final AtomicBoolean connected = new AtomicBoolean(true);

    /**
     * @param jobName the job, for log lines
     * @param timers where the interrupt timer runs
     * @param timerKey the interrupt timer's unique key
     * @param sessionTimeoutMillis the session timeout negotiated with the server
     * @param interrupt interrupts the bodies running here
     * @param recover called after a reconnection, on the ZooKeeper event thread: must only hand over
     */
    public ConnectionGuard(String jobName, Timers timers, String timerKey, LongSupplier sessionTimeoutMillis, Runnable interrupt,
                           Runnable recover) {
        this.jobName = jobName;
        this.timers = timers;
        this.timerKey = timerKey;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.interrupt = interrupt;
        this.recover = recover;
    }

    /** @return whether items may start: in contact with ZooKeeper, and recovered after a reconnection */
    public boolean isConnected() {
        return connected.get();
    }

    /** The instance has recovered after a reconnection: items may start again. */
    public void resumed() {
        connected.set(true);
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        switch (newState) {
            case SUSPENDED, LOST -> {
                if (connected.getAndSet(false)) {
                    LOG.warn("Job '{}': ZooKeeper connection {}; no new items start until it is back", jobName, newState);
                }
                if (newState == ConnectionState.LOST) {
                    timers.unschedule(timerKey);
                    interrupt.run();
                } else {
                    timers.scheduleInterval(timerKey, Math.max(100L, sessionTimeoutMillis.getAsLong() / 6), () -> {
                        timers.unschedule(timerKey);
                        if (!connected.get()) {
                            interrupt.run();
                        }
                    });
                }
            }
            case RECONNECTED -> {
                timers.unschedule(timerKey);
                recover.run();
            }
            default -> {
            }
        }
    }

    @Override
    public void close() {
        timers.unschedule(timerKey);
    }
}
