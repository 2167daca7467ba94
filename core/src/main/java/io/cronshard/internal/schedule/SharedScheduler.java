package io.cronshard.internal.schedule;

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
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's one Quartz scheduler, shared by every job, and the small pool that runs
 * coordination work (resharding, configuration changes, triggers) off the ZooKeeper event
 * thread.
 *
 * <p>This is the one piece of JVM-wide state in Cronshard, on purpose: the classic model's
 * scheduler per job is what costs thousands of threads (design note 1, docs/design-notes.md). It is reference
 * counted, not a static singleton that lives forever: the first job that schedules creates it,
 * each job {@link #release()}s it at shutdown, and the last release stops its threads.
 * Quartz's threads only call {@link Runnable}s that decide and dispatch; they never run user code.
 */
public final class SharedScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(SharedScheduler.class);
    private static final String FIRE_KEY = "cronshard.fire";
    /** How long a shared item thread stays idle before it ends. */
    static final long ITEM_THREAD_KEEP_ALIVE_SECONDS = 5;
    private static final AtomicInteger GENERATION = new AtomicInteger();
    private static final Object LOCK = new Object();
    private static final ThreadLocal<long[]> SCHEDULED_FIRE = ThreadLocal.withInitial(() -> new long[1]);
    private static SharedScheduler current;

    private final Scheduler quartz;
    private final ThreadPoolExecutor coordinationPool;
    private final ThreadPoolExecutor itemThreads;
    private final StartupBatch startups = new StartupBatch(this);
    private final java.util.Set<String> reservedInstances = new java.util.HashSet<>();
    private int references;

    private SharedScheduler() throws SchedulerException {
        int generation = GENERATION.incrementAndGet();
        Properties props = new Properties();
        props.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "cronshard-" + generation);
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
        StdSchedulerFactory factory = new StdSchedulerFactory(props);
        quartz = factory.getScheduler();
        quartz.start();
        coordinationPool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedDaemonThreads("cronshard-coordination"));
        coordinationPool.allowCoreThreadTimeOut(true);
        // every job's items, each job capped by its own executor (JobLane); a thread is reused by any
        // job, started only when none is idle and let go after a few idle seconds
        itemThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, ITEM_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), new NamedDaemonThreads("cronshard-item"));
        LOG.debug("Started the shared scheduler cronshard-{}", generation);
    }

    /**
     * Takes a reference to the JVM's shared scheduler, creating it when none runs.
     *
     * @return the shared scheduler; call {@link #release()} once when done
     */
    public static SharedScheduler acquire() {
        synchronized (LOCK) {
            if (current == null) {
                try {
                    current = new SharedScheduler();
                } catch (SchedulerException ex) {
                    throw new IllegalStateException("Cannot start the Quartz scheduler", ex);
                }
            }
            current.references++;
            return current;
        }
    }

    /** Gives back a reference; the last one stops the scheduler and its threads. */
    public void release() {
        synchronized (LOCK) {
            if (--references > 0) {
                return;
            }
            if (current == this) {
                current = null;
            }
        }
        try {
            quartz.shutdown(true);
        } catch (SchedulerException ex) {
            LOG.warn("Stopping the shared Quartz scheduler failed", ex);
        }
        coordinationPool.shutdown();
        itemThreads.shutdown();
        try {
            if (!coordinationPool.awaitTermination(30, TimeUnit.SECONDS)) {
                coordinationPool.shutdownNow();
            }
        } catch (InterruptedException ex) {
            coordinationPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** @return the threads every job's items run on, through the job's own executor that caps how many at once */
    public java.util.concurrent.Executor itemThreads() {
        return itemThreads;
    }

    /** @return the pool for coordination work; tasks must not block long */
    public ExecutorService coordinationPool() {
        return coordinationPool;
    }

    /**
     * Schedules (or replaces) a cron trigger.
     *
     * @param key unique key of the trigger
     * @param cron a Quartz cron expression
     * @param timeZone the zone the cron is read in
     * @param onFire what a fire runs, on a Quartz thread: must only decide and dispatch
     */
    public void scheduleCron(String key, String cron, TimeZone timeZone, Runnable onFire) {
        // Quartz computes a cron trigger's first fire after (start - 1 s): starting one second from
        // now makes the first fire the next one after now, never the second that has just begun,
        // whose fire the other instances have already run
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key)
                .startAt(new Date(System.currentTimeMillis() + 1_000L))
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(timeZone).withMisfireHandlingInstructionDoNothing())
                .build();
        schedule(key, trigger, onFire);
    }

    /**
     * Reserves an instance id of a job within this JVM, so that two instances of one job started
     * at once here never pick the same id before either is written to ZooKeeper.
     *
     * @param key the registry, namespace, job and instance id
     * @return false when another instance holds it
     */
    public boolean reserveInstance(String key) {
        synchronized (reservedInstances) {
            return reservedInstances.add(key);
        }
    }

    /**
     * @param key a key {@link #reserveInstance reserved} before
     */
    public void releaseInstance(String key) {
        synchronized (reservedInstances) {
            reservedInstances.remove(key);
        }
    }

    /**
     * Sends a starting job's ZooKeeper writes together with those of the other jobs being
     * scheduled now (see {@link StartupBatch}).
     *
     * @param write sends the writes without waiting; runs on a Quartz dispatch thread
     */
    public void sendWithOtherStarts(Runnable write) {
        startups.add(write);
    }

    /**
     * Schedules (or replaces) a repeating trigger, first fired one interval from now.
     *
     * @param key unique key of the trigger
     * @param intervalMillis the interval
     * @param onFire what a fire runs, on a Quartz thread: must only dispatch
     */
    public void scheduleInterval(String key, long intervalMillis, Runnable onFire) {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key)
                .startAt(new Date(System.currentTimeMillis() + intervalMillis))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(intervalMillis).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        schedule(key, trigger, onFire);
    }

    private void schedule(String key, Trigger trigger, Runnable onFire) {
        JobDataMap data = new JobDataMap();
        data.put(FIRE_KEY, onFire);
        JobDetail detail = JobBuilder.newJob(FireDispatch.class).withIdentity(key).usingJobData(data).build();
        try {
            quartz.scheduleJob(detail, java.util.Set.of(trigger), true);
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
            Trigger trigger = quartz.getTrigger(TriggerKey.triggerKey(key));
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
    public void unschedule(String key) {
        try {
            quartz.deleteJob(JobKey.jobKey(key));
        } catch (SchedulerException ex) {
            LOG.warn("Cannot unschedule '{}'", key, ex);
        }
    }

    /**
     * @return when the trigger being dispatched on this thread was scheduled to fire (epoch millis), 0 when this
     *         thread is not dispatching a trigger; lets a fire measure its latency from the scheduled time
     */
    public static long currentScheduledFireTime() {
        return SCHEDULED_FIRE.get()[0];
    }

    /** The Quartz job of every trigger: runs the trigger's runnable. */
    public static final class FireDispatch implements org.quartz.Job {

        @Override
        public void execute(JobExecutionContext context) {
            Object fire = context.getMergedJobDataMap().get(FIRE_KEY);
            if (fire instanceof Runnable) {
                long[] scheduled = SCHEDULED_FIRE.get();
                scheduled[0] = context.getScheduledFireTime() == null ? 0L : context.getScheduledFireTime().getTime();
                try {
                    ((Runnable) fire).run();
                } catch (RuntimeException ex) {
                    LOG.error("Dispatching '{}' failed", context.getJobDetail().getKey().getName(), ex);
                } finally {
                    scheduled[0] = 0L;
                }
            }
        }
    }

    /** Daemon threads named {@code prefix-n}. */
    public static final class NamedDaemonThreads implements ThreadFactory {

        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        /**
         * @param prefix the thread name prefix
         */
        public NamedDaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
