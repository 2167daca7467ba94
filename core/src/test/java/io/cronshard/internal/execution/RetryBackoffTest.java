package io.cronshard.internal.execution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait before an item's next try: doubled per failed try, capped, at most a quarter off. */
class RetryBackoffTest {

    @Test
    void theBackoffDoublesAfterEachFailedTry() {
        assertThat(RetryBackoff.delayMillis(1_000, 1, () -> 0.0)).isEqualTo(1_000);
        assertThat(RetryBackoff.delayMillis(1_000, 2, () -> 0.0)).isEqualTo(2_000);
        assertThat(RetryBackoff.delayMillis(1_000, 3, () -> 0.0)).isEqualTo(4_000);
    }

    @Test
    void theBackoffIsCappedAtSixtySeconds() {
        assertThat(RetryBackoff.delayMillis(1_000, 7, () -> 0.0)).isEqualTo(60_000);
        assertThat(RetryBackoff.delayMillis(50_000, 2, () -> 0.0)).isEqualTo(60_000);
        assertThat(RetryBackoff.delayMillis(1_000, 100, () -> 0.0)).isEqualTo(60_000);
    }

    @Test
    void jitterTakesAtMostAQuarterOff() {
        assertThat(RetryBackoff.delayMillis(1_000, 1, () -> 0.999_999)).isGreaterThan(750).isLessThanOrEqualTo(1_000);
        assertThat(RetryBackoff.delayMillis(1_000, 3, () -> 0.5)).isEqualTo(3_500);
    }

    @Test
    void aZeroBackoffTriesAgainAtOnce() {
        assertThat(RetryBackoff.delayMillis(0, 5, () -> 0.3)).isZero();
    }
}
