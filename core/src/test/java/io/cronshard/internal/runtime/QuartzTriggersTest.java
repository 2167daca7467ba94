package io.cronshard.internal.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs with the same cron and time zone share one Quartz trigger. */
class QuartzTriggersTest {

    private static final String EVERY_SECOND = "* * * * * ?";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private QuartzTriggers triggers;

    @BeforeEach
    void setUp() throws Exception {
        triggers = new QuartzTriggers("quartz-triggers-test-" + System.nanoTime());
    }

    @AfterEach
    void tearDown() {
        triggers.shutdown();
    }

    @Test
    void jobsOnTheSameCronShareOneTriggerAndEachGetsEveryFireAfterItJoined() {
        List<Long> a = new CopyOnWriteArrayList<>();
        List<Long> b = new CopyOnWriteArrayList<>();
        long joined = System.currentTimeMillis();
        triggers.scheduleCron("a", EVERY_SECOND, UTC, a::add);
        triggers.scheduleCron("b", EVERY_SECOND, UTC, b::add);

        await().atMost(Duration.ofSeconds(20)).until(() -> a.size() >= 2 && b.size() >= 2);
        assertThat(a).allSatisfy(planned -> assertThat(planned).isGreaterThan(joined));
        assertThat(triggers.nextFireTime("a")).isEqualTo(triggers.nextFireTime("b")).isNotNull();
    }

    @Test
    void aJobThatLeavesStopsFiringWhileTheOthersGoOnAndTheLastTakesTheTriggerWithIt() {
        List<Long> a = new CopyOnWriteArrayList<>();
        List<Long> b = new CopyOnWriteArrayList<>();
        triggers.scheduleCron("a", EVERY_SECOND, UTC, a::add);
        triggers.scheduleCron("b", EVERY_SECOND, UTC, b::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.size() >= 1 && b.size() >= 1);

        triggers.unschedule("a");
        int aFires = a.size();
        int bFires = b.size();

        await().atMost(Duration.ofSeconds(20)).until(() -> b.size() >= bFires + 2);
        assertThat(a).as("fires after leaving (at most one already under way)").hasSizeLessThanOrEqualTo(aFires + 1);
        assertThat(triggers.nextFireTime("a")).isNull();

        triggers.unschedule("b");
        assertThat(triggers.nextFireTime("b")).isNull();
    }

    @Test
    void aNewCronMovesTheJobToAnotherTriggerAndAFailingJobDoesNotStopTheOthers() {
        List<Long> b = new CopyOnWriteArrayList<>();
        triggers.scheduleCron("a", EVERY_SECOND, UTC, planned -> {
            throw new IllegalStateException("dispatch failed");
        });
        triggers.scheduleCron("b", EVERY_SECOND, UTC, b::add);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.size() >= 2);

        triggers.scheduleCron("a", "0 0 0 1 1 ? 2099", UTC, planned -> { });

        assertThat(triggers.nextFireTime("a")).isAfter(triggers.nextFireTime("b"));
        int bFires = b.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> b.size() >= bFires + 1);
    }
}
