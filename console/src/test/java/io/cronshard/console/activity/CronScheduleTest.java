package io.cronshard.console.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Next fires and the fire a start was meant for, in the job's time zone. */
class CronScheduleTest {

    @Test
    void findsTheNextFireAndTheFireAStartWasMeantFor() {
        CronSchedule everySecond = CronSchedule.of("0/1 * * * * ?", "UTC");
        assertThat(everySecond.nextAfter(Instant.parse("2025-03-01T10:00:00.300Z"))).isEqualTo(Instant.parse("2025-03-01T10:00:01Z"));
        assertThat(everySecond.lastAtOrBefore(Instant.parse("2025-03-01T10:00:00.030Z"))).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));

        CronSchedule dailyInShanghai = CronSchedule.of("0 30 2 * * ?", "Asia/Shanghai");
        assertThat(dailyInShanghai.nextAfter(Instant.parse("2025-03-01T00:00:00Z"))).isEqualTo(Instant.parse("2025-03-01T18:30:00Z"));
        assertThat(dailyInShanghai.lastAtOrBefore(Instant.parse("2025-03-01T18:30:00.250Z"))).isEqualTo(Instant.parse("2025-03-01T18:30:00Z"));
        assertThat(dailyInShanghai.lastAtOrBefore(Instant.parse("2025-03-01T12:00:00Z"))).isEqualTo(Instant.parse("2025-02-28T18:30:00Z"));
    }

    @Test
    void noScheduleWithoutAValidCron() {
        assertThat(CronSchedule.of(null, null)).isNull();
        assertThat(CronSchedule.of("not a cron", null)).isNull();
        assertThat(CronSchedule.of("0 0 0 1 1 ? 2001", "UTC").nextAfter(Instant.now())).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(Percentiles.of(new long[] {5, 1, 4, 2, 3})).containsEntry("count", 5L).containsEntry("p50", 3L).containsEntry("p95", 5L)
                .containsEntry("max", 5L);
        assertThat(Percentiles.of(new long[0])).containsOnlyKeys("count");
        assertThat(JobActivityService.firstLine("java.lang.X: boom\n\tat a.b(C.java:1)")).isEqualTo("java.lang.X: boom");
    }
}
