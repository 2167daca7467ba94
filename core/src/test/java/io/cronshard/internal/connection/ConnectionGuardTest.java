package io.cronshard.internal.connection;

import io.cronshard.internal.runtime.Timers;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection guard's states, with fake timers: no ZooKeeper, no waiting. */
class ConnectionGuardTest {

    private final Map<String, Long> intervals = new HashMap<>();
    private final Map<String, Runnable> tasks = new HashMap<>();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicInteger recoveries = new AtomicInteger();
    private final ConnectionGuard guard = new ConnectionGuard("job", new Timers() {
        @Override
        public void scheduleInterval(String key, long intervalMillis, Runnable task) {
            intervals.put(key, intervalMillis);
            tasks.put(key, task);
        }

        @Override
        public void unschedule(String key) {
            intervals.remove(key);
            tasks.remove(key);
        }
    }, "interrupt", () -> 6_000L, interrupts::incrementAndGet, recoveries::incrementAndGet);

    @Test
    void suspendedStopsStartsAndInterruptsHalfWayThroughTheLastThirdOfTheSession() {
        guard.stateChanged(null, ConnectionState.SUSPENDED);

        assertThat(guard.isConnected()).isFalse();
        assertThat(intervals).containsEntry("interrupt", 1_000L);
        assertThat(interrupts).hasValue(0);
        tasks.get("interrupt").run();
        assertThat(interrupts).hasValue(1);
        assertThat(tasks).as("the timer runs once").doesNotContainKey("interrupt");
    }

    @Test
    void lostInterruptsAtOnce() {
        guard.stateChanged(null, ConnectionState.SUSPENDED);
        guard.stateChanged(null, ConnectionState.LOST);

        assertThat(interrupts).hasValue(1);
        assertThat(tasks).doesNotContainKey("interrupt");
    }

    @Test
    void reconnectedCancelsTheInterruptAndRecoversButStartsNothingUntilResumed() {
        guard.stateChanged(null, ConnectionState.SUSPENDED);
        guard.stateChanged(null, ConnectionState.RECONNECTED);

        assertThat(tasks).doesNotContainKey("interrupt");
        assertThat(recoveries).hasValue(1);
        assertThat(interrupts).hasValue(0);
        assertThat(guard.isConnected()).isFalse();
        guard.resumed();
        assertThat(guard.isConnected()).isTrue();
    }

    @Test
    void aTimerThatFiresAfterTheConnectionCameBackInterruptsNothing() {
        guard.stateChanged(null, ConnectionState.SUSPENDED);
        Runnable timer = tasks.get("interrupt");
        guard.resumed();

        timer.run();

        assertThat(interrupts).hasValue(0);
    }

    @Test
    void closeRemovesTheTimer() {
        guard.stateChanged(null, ConnectionState.SUSPENDED);
        guard.close();

        assertThat(tasks).isEmpty();
    }
}
