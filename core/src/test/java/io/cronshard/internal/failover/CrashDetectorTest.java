package io.cronshard.internal.failover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A crash is told by marks deleted in the same transaction as an instance node, in either order. */
class CrashDetectorTest {

    private final CrashDetector crashes = new CrashDetector();

    @Test
    void marksDeletedWithTheInstanceNodeWereRunningOnIt() {
        assertThat(crashes.markDeleted(1, 42)).isEmpty();
        assertThat(crashes.markDeleted(2, 42)).isEmpty();

        assertThat(crashes.instanceDeleted(42)).containsExactly(1, 2);
    }

    @Test
    void marksSeenAfterTheInstanceNodeCountToo() {
        assertThat(crashes.instanceDeleted(42)).isEmpty();

        assertThat(crashes.markDeleted(3, 42)).containsExactly(3);
    }

    @Test
    void marksDeletedInOtherTransactionsEndedNormally() {
        crashes.markDeleted(1, 41);

        assertThat(crashes.instanceDeleted(42)).isEmpty();
        assertThat(crashes.markDeleted(2, 43)).isEmpty();
    }

    @Test
    void changesFoundByAReloadAreIgnored() {
        assertThat(crashes.markDeleted(1, -1)).isEmpty();
        assertThat(crashes.instanceDeleted(-1)).isEmpty();
    }

    @Test
    void onlyTheLatestInstanceDeletionsAreRemembered() {
        crashes.instanceDeleted(1);
        for (long zxid = 2; zxid < 100; zxid++) {
            crashes.instanceDeleted(zxid);
        }

        assertThat(crashes.markDeleted(5, 1)).as("forgotten").isEmpty();
        assertThat(crashes.markDeleted(5, 99)).containsExactly(5);
    }
}
