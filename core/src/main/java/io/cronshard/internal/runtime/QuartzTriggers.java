package io.cronshard.internal.runtime;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's one Quartz scheduler, shared by every job: cron triggers of the jobs and interval
 * triggers of their timers (reconcile, stale servers, interrupts, the start-up batch). Quartz's
 * threads only call back code that decides and dispatches; they never run user code and never
 * wait on ZooKeeper.
 */
public final class QuartzTriggers implements Timers {

    /** What a cron trigger calls, with the time Quartz meant the fire to happen. */
    @FunctionalInterface
    public interface CronFire {

        /**
         * @param scheduledMillis when the cron meant this fire to happen (epoch millis)
         */
        void fire(long scheduledMillis);
    }

    private static final Logger LOG = LoggerFactory.getLogger(QuartzTriggers.class);
    private static final String FIRE_KEY = "cronshard.fire";

    private final Scheduler quartz;
    private final Map<String, Map<String, CronMember>> cronGroups = new HashMap<>();
    private final Map<String, String> cronGroupOf = new ConcurrentHashMap<>();

    /**
     * @param name the scheduler's name, unique in the JVM (Quartz keeps schedulers by name)
     * @throws SchedulerException when Quartz cannot start
     */
    QuartzTriggers(String name) throws SchedulerException {
        Properties props = new Properties();
        props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        props.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        props.setProperty("org.quartz.scheduler.threadName", "cronshard-quartz");
        props.setProperty(StdSchedulerFactory.PROP_SCHED_BATCH_TIME_WINDOW, "0");
        props.setProperty(StdSchedulerFactory.PROP_SCHED_MAX_BATCH_SIZE, "2");
        props.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.threadPool.threadNamePrefix", "cronshard-dispatch");
        props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        props.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        quartz = new StdSchedulerFactory(props).getScheduler();
        quartz.start();
    }

    /**
     * Schedules (or replaces) a cron fire. Jobs with the same cron in the same time zone share one
     * Quartz trigger, which fires them one after the other in one pass: 1,000 jobs firing every
     * second are one trigger for Quartz to wake up for, not 1,000 to acquire and hand to its threads
     * in pairs. A fire reaches a job only for a time after it joined: the first fire is the next one
     * after now, never the second that has just begun, whose fire the other instances have already run.
     *
     * @param key unique key of the job's cron fire
     * @param cron a Quartz cron expression
     * @param timeZone the zone the cron is read in
     * @param onFire what a fire runs, on a Quartz thread: must only decide and dispatch
     */
    public void scheduleCron(String key, String cron, TimeZone timeZone, CronFire onFire) {
        String group = "cron:" + timeZone.getID() + ":" + cron;
        synchronized (cronGroups) {
            leaveCronGroup(key);
            Map<String, CronMember> members = cronGroups.get(group);
            if (members == null) {
                members = new ConcurrentHashMap<>();
                cronGroups.put(group, members);
                Map<String, CronMember> firing = members;
                // Quartz computes a cron trigger's first fire after (start - 1 s): the next one after now
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity(group)
                        .startAt(new Date(System.currentTimeMillis() + 1_000L))
                        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(timeZone).withMisfireHandlingInstructionDoNothing())
                        .build();
                schedule(group, trigger, scheduled -> fireAll(group, firing, scheduled));
            }
            members.put(key, new CronMember(onFire, System.currentTimeMillis()));
            cronGroupOf.put(key, group);
        }
    }

    /** One job in a shared cron trigger, and when it joined. */
    private record CronMember(CronFire onFire, long joinedMillis) {
    }

    private static void fireAll(String group, Map<String, CronMember> members, long scheduledMillis) {
        for (Map.Entry<String, CronMember> each : members.entrySet()) {
            if (scheduledMillis <= each.getValue().joinedMillis()) {
                continue;
            }
            try {
                each.getValue().onFire().fire(scheduledMillis);
            } catch (RuntimeException ex) {
                LOG.error("Dispatching '{}' failed", each.getKey(), ex);
            }
        }
    }

    /** Under {@code cronGroups}: takes a job out of its shared cron trigger, deleting the trigger with its last job. */
    private void leaveCronGroup(String key) {
        String group = cronGroupOf.remove(key);
        if (group == null) {
            return;
        }
        Map<String, CronMember> members = cronGroups.get(group);
        if (members != null) {
            members.remove(key);
            if (members.isEmpty()) {
                cronGroups.remove(group);
                deleteJob(group);
            }
        }
    }

    /**
     * Schedules (or replaces) a repeating trigger, first fired one interval from now.
     *
     * @param key unique key of the trigger
     * @param intervalMillis the interval
     * @param onFire what a fire runs, on a Quartz thread: must only dispatch
     */
    @Override
    public void scheduleInterval(String key, long intervalMillis, Runnable onFire) {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key)
                .startAt(new Date(System.currentTimeMillis() + intervalMillis))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(intervalMillis).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        schedule(key, trigger, scheduled -> onFire.run());
    }

    private void schedule(String key, Trigger trigger, CronFire onFire) {
        JobDataMap data = new JobDataMap();
        data.put(FIRE_KEY, onFire);
        JobDetail detail = JobBuilder.newJob(Dispatch.class).withIdentity(key).usingJobData(data).build();
        try {
            quartz.scheduleJob(detail, Set.of(trigger), true);
        } catch (SchedulerException ex) {
            throw new IllegalStateException("Cannot schedule '" + key + "'", ex);
        }
    }

    /**
     * @param key the trigger's key
     * @return the next time it fires, or null
     */
    public Date nextFireTime(String key) {
        try {
            Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(cronGroupOf.getOrDefault(key, key)));
            return trigger == null ? null : trigger.getNextFireTime();
        } catch (SchedulerException ex) {
            return null;
        }
    }

    /**
     * Removes a trigger; nothing happens when it is not scheduled.
     *
     * @param key the trigger's key
     */
    @Override
    public void unschedule(String key) {
        synchronized (cronGroups) {
            if (cronGroupOf.containsKey(key)) {
                leaveCronGroup(key);
                return;
            }
        }
        deleteJob(key);
    }

    private void deleteJob(String key) {
        try {
            quartz.deleteJob(JobKey.jobKey(key));
        } catch (SchedulerException ex) {
            LOG.warn("Cannot unschedule '{}'", key, ex);
        }
    }

    void shutdown() {
        try {
            quartz.shutdown(true);
        } catch (SchedulerException ex) {
            LOG.warn("Stopping the shared Quartz scheduler failed", ex);
        }
    }

    /** The Quartz job of every trigger: calls the trigger's callback with the fire's scheduled time. */
    public static final class Dispatch implements org.quartz.Job {

        @Override
        public void execute(JobExecutionContext context) {
            Object fire = context.getMergedJobDataMap().get(FIRE_KEY);
            if (fire instanceof CronFire callback) {
                Date scheduled = context.getScheduledFireTime();
                try {
                    callback.fire(scheduled == null ? System.currentTimeMillis() : scheduled.getTime());
                } catch (RuntimeException ex) {
                    LOG.error("Dispatching '{}' failed", context.getJobDetail().getKey().getName(), ex);
                }
            }
        }
    }
}
