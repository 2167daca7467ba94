package io.cronshard.internal.signals;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When an item without a timeout counts as overdue: several times its usual duration, never before the floor. */
class UsualDurationsTest {

    @Test
    void anItemWithFewerThanThreeDurationsHasNoUsualDurationYet() {
        UsualDurations durations = new UsualDurations(5, 1_000);
        assertThat(durations.overdueAfterMillis(0)).isEqualTo(-1L);

        durations.record(0, 400);
        durations.record(0, 400);

        assertThat(durations.overdueAfterMillis(0)).isEqualTo(-1L);
    }

    @Test
    void overdueAfterFactorTimesTheMeanOfTheRecentDurations() {
        UsualDurations durations = new UsualDurations(5, 1_000);
        durations.record(3, 300);
        durations.record(3, 500);
        durations.record(3, 400);

        assertThat(durations.overdueAfterMillis(3)).isEqualTo(2_000L);
        assertThat(durations.overdueAfterMillis(4)).isEqualTo(-1L);
    }

    @Test
    void neverBeforeTheFloor() {
        UsualDurations durations = new UsualDurations(5, 60_000);
        for (int i = 0; i < 5; i++) {
            durations.record(0, 10);
        }

        assertThat(durations.overdueAfterMillis(0)).isEqualTo(60_000L);
    }

    @Test
    void onlyTheLastTenDurationsCount() {
        UsualDurations durations = new UsualDurations(2, 0);
        for (int i = 0; i < 10; i++) {
            durations.record(0, 10_000);
        }
        for (int i = 0; i < 10; i++) {
            durations.record(0, 100);
        }

        assertThat(durations.overdueAfterMillis(0)).isEqualTo(200L);
    }
}
