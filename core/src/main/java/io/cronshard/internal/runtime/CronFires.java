package io.cronshard.internal.runtime;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

/** The time zone a job's cron is read in, and the check that the cron fires at all. */
public final class CronFires {

    private CronFires() {
    }

    /**
     * @param config a job configuration
     * @return its time zone, or the JVM's when unset
     */
    public static TimeZone timeZone(JobConfiguration config) {
        return config.getTimeZone() == null ? TimeZone.getDefault() : TimeZone.getTimeZone(ZoneId.of(config.getTimeZone()));
    }

    /**
     * Refuses a cron that Quartz accepts but that never fires again ("0 0 0 30 2 ?", a past year).
     *
     * @param config a configuration with a cron
     * @throws JobConfigurationException naming the cron
     */
    public static void requireNextFire(JobConfiguration config) {
        try {
            CronExpression expression = new CronExpression(config.getCron());
            expression.setTimeZone(timeZone(config));
            if (expression.getNextValidTimeAfter(new Date()) == null) {
                throw JobConfigurationException.invalid("cron", config.getCron(),
                        "never fires after now in time zone " + timeZone(config).getID() + "; give a cron with a future fire time");
            }
        } catch (ParseException ex) {
            throw JobConfigurationException.invalid("cron", config.getCron(), "not a Quartz cron expression: " + ex.getMessage());
        }
    }
}
