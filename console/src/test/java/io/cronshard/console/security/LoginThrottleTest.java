package io.cronshard.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cronshard.console.ConsoleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Failed logins lock a user name or a client address for a while, logged once, in bounded memory. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        ConsoleProperties.LoginThrottle properties = new ConsoleProperties.LoginThrottle();
        properties.setMaxFailuresPerUser(3);
        properties.setMaxFailuresPerClient(5);
        properties.setLockSeconds(60);
        properties.setMaxTracked(16);
        throttle = new LoginThrottle(properties, clock);
        log.start();
        ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(LoginThrottle.class)).detachAppender(log);
    }

    @Test
    void locksAUserAfterItsFailuresUntilTheLockEnds() {
        throttle.failed("Admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.2");
        assertThat(throttle.lockedUntil("admin", "10.0.0.3")).isNull();
        throttle.failed("admin", "10.0.0.3");
        assertThat(throttle.lockedUntil("ADMIN", "10.0.0.9")).isEqualTo(clock.instant().plusSeconds(60));
        throttle.failed("admin", "10.0.0.3");
        assertThat(warnings()).hasSize(1).first().asString().contains("user 'admin'").contains("60 s").contains("10.0.0.3");
        assertThat(throttle.lockedUntil("other", "10.0.0.9")).isNull();

        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.lockedUntil("admin", "10.0.0.9")).isNull();
    }

    @Test
    void locksAClientAddressTryingManyUsers() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertThat(throttle.lockedUntil("anyone", "10.0.0.7")).isNotNull();
        assertThat(throttle.lockedUntil("anyone", "10.0.0.8")).isNull();
        assertThat(warnings()).singleElement().asString().contains("client address '10.0.0.7'");
    }

    @Test
    void successClearsFailuresAndOldFailuresExpire() {
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        throttle.succeeded("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedUntil("admin", "10.0.0.1")).isNull();
        clock.advance(Duration.ofSeconds(61));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedUntil("admin", "10.0.0.1")).as("the first two failures are older than the window").isNull();
    }

    @Test
    void remembersABoundedNumberOfNamesAndAddresses() {
        for (int i = 0; i < 1000; i++) {
            throttle.failed("user" + i, "10.1." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(32);
    }

    private List<String> warnings() {
        return log.list.stream().filter(each -> each.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
