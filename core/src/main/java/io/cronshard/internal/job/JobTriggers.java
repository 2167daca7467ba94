package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.runtime.CronFires;
import io.cronshard.internal.runtime.QuartzTriggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The triggers of one job instance on the shared Quartz scheduler: its cron, and the reconcile
 * timer that has the leader check the split. Rescheduled when the configuration changes them;
 * removed at shutdown.
 */
final class JobTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(JobTriggers.class);

    private final String jobName;
    private final QuartzTriggers quartz;
    private final String cronKey;
    private final String reconcileKey;
    private final QuartzTriggers.CronFire onFire;
    private final Runnable onReconcile;
    private final AtomicBoolean cronScheduled = new AtomicBoolean();

    JobTriggers(String jobName, QuartzTriggers quartz, String key, QuartzTriggers.CronFire onFire, Runnable onReconcile) {
        this.jobName = jobName;
        this.quartz = quartz;
        this.cronKey = key;
        this.reconcileKey = key + ".reconcile";
        this.onFire = onFire;
        this.onReconcile = onReconcile;
    }

    void scheduleCron(JobConfiguration config) {
        quartz.scheduleCron(cronKey, config.getCron(), CronFires.timeZone(config), onFire);
        cronScheduled.set(true);
    }

    void scheduleReconcile(JobConfiguration config) {
        if (config.getReconcileIntervalMinutes() > 0) {
            quartz.scheduleInterval(reconcileKey, TimeUnit.MINUTES.toMillis(config.getReconcileIntervalMinutes()), onReconcile);
        } else {
            quartz.unschedule(reconcileKey);
        }
    }

    /** Applies a changed configuration: a new cron or time zone reschedules the job, a new interval the reconcile timer. */
    void changed(JobConfiguration previous, JobConfiguration current) {
        if (cronScheduled.get() && (!Objects.equals(previous.getCron(), current.getCron())
                || !Objects.equals(previous.getTimeZone(), current.getTimeZone()))) {
            if (current.getCron() == null) {
                LOG.warn("Job '{}': the new configuration has no cron; the job keeps its schedule {}", jobName, previous.getCron());
            } else if (willFire(current)) {
                scheduleCron(current);
                LOG.info("Job '{}' rescheduled: cron {} in {}", jobName, current.getCron(), CronFires.timeZone(current).getID());
            }
        }
        if (previous.getReconcileIntervalMinutes() != current.getReconcileIntervalMinutes()) {
            scheduleReconcile(current);
        }
    }

    private boolean willFire(JobConfiguration config) {
        try {
            CronFires.requireNextFire(config);
            return true;
        } catch (JobConfigurationException ex) {
            LOG.warn("Job '{}' keeps its schedule: {}", jobName, ex.getMessage());
            return false;
        }
    }

    /** @return when the cron fires next, null when it is not scheduled */
    Instant nextFire() {
        Date next = cronScheduled.get() ? quartz.nextFireTime(cronKey) : null;
        return next == null ? null : next.toInstant();
    }

    void stop() {
        quartz.unschedule(cronKey);
        quartz.unschedule(reconcileKey);
        cronScheduled.set(false);
    }
}
