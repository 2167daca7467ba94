package io.cronshard.console.activity;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * A job's cron in its time zone (Quartz's {@link CronExpression}, as the jobs fire it): the next fire after a
 * time, and the fire a cron fire that started at a time was meant for. Immutable once built (the expression is
 * used by one thread at a time: each call builds its own copy).
 */
final class CronSchedule {

    private static final Duration LONGEST_LOOKBACK = Duration.ofDays(32);

    private final String cron;
    private final TimeZone timeZone;

    private CronSchedule(String cron, TimeZone timeZone) {
        this.cron = cron;
        this.timeZone = timeZone;
    }

    /**
     * @param cron a Quartz cron, or null
     * @param timeZone the job's time zone id, or null for the console's (which should be the jobs')
     * @return the schedule, or null for no cron or an invalid one
     */
    static CronSchedule of(String cron, String timeZone) {
        if (cron == null || cron.isBlank()) {
            return null;
        }
        CronSchedule result = new CronSchedule(cron, timeZone == null || timeZone.isBlank() ? TimeZone.getDefault() : TimeZone.getTimeZone(timeZone));
        return result.expression() == null ? null : result;
    }

    /**
     * @param after a time
     * @return the first fire strictly after it, or null when there is none (a cron with a year in the past)
     */
    Instant nextAfter(Instant after) {
        CronExpression expression = expression();
        Date next = expression == null ? null : expression.getNextValidTimeAfter(Date.from(after));
        return next == null ? null : next.toInstant();
    }

    /**
     * @param time a time
     * @return the last fire at or before it (Quartz has no "previous" lookup: searched forward from ever earlier
     *         starts), or null when there is none in the last 32 days
     */
    Instant lastAtOrBefore(Instant time) {
        CronExpression expression = expression();
        if (expression == null) {
            return null;
        }
        for (Duration back = Duration.ofSeconds(1); back.compareTo(LONGEST_LOOKBACK) <= 0; back = back.multipliedBy(4)) {
            Date candidate = expression.getNextValidTimeAfter(Date.from(time.minus(back).minusMillis(1)));
            if (candidate != null && !candidate.toInstant().isAfter(time)) {
                Instant result = candidate.toInstant();
                for (int i = 0; i < 10_000; i++) {
                    Date next = expression.getNextValidTimeAfter(Date.from(result));
                    if (next == null || next.toInstant().isAfter(time)) {
                        return result;
                    }
                    result = next.toInstant();
                }
                return result;
            }
        }
        return null;
    }

    private CronExpression expression() {
        try {
            CronExpression result = new CronExpression(cron);
            result.setTimeZone(timeZone);
            return result;
        } catch (ParseException ex) {
            return null;
        }
    }
}
