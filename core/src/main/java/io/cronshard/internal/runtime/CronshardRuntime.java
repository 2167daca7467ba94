package io.cronshard.internal.runtime;

import org.apache.curator.framework.CuratorFramework;
import io.cronshard.internal.common.NamedDaemonThreads;
import io.cronshard.internal.common.SystemSettings;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the jobs of one JVM share, and the one piece of JVM-wide state in Cronshard, on purpose:
 * the classic model's scheduler per job is what costs thousands of threads (design note 1,
 * docs/design-notes.md). It is reference counted, not a singleton that lives forever: the first
 * job instance that starts {@link #acquire()}s it, each {@link #release()}s it at shutdown, and
 * the last release stops its threads. It holds:
 * <ul>
 *   <li>the Quartz scheduler ({@link #triggers()}) whose threads only decide and dispatch;</li>
 *   <li>the coordination pool, where each job's reactions run one at a time ({@link #coordination()});</li>
 *   <li>the item threads every job's items run on, each job capped by its own executor ({@link #itemThreads()});</li>
 *   <li>the start-up batch that sends the registrations of jobs scheduled together in one go;</li>
 *   <li>the instance ids taken in this JVM ({@link #instanceIds()});</li>
 *   <li>the event-tracing writer thread ({@link #tracingWriter()});</li>
 *   <li>the dump port, when one is configured ({@link #registerDump}).</li>
 * </ul>
 * Every thread here is a daemon thread and goes away when idle.
 */
public final class CronshardRuntime {

    /** How long a shared item thread stays idle before it ends. */
    public static final long ITEM_THREAD_KEEP_ALIVE_SECONDS = 5;
    /** How long the tracing writer thread stays idle before it ends. */
    public static final long TRACING_WRITER_KEEP_ALIVE_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(CronshardRuntime.class);

    /** The JVM's runtime while some job holds a reference; guarded by its own monitor. */
    private static final Holder HOLDER = new Holder();

    private final QuartzTriggers triggers;
    private final ThreadPoolExecutor coordination;
    private final ThreadPoolExecutor itemThreads;
    private final ScheduledThreadPoolExecutor tracingWriter;
    private final ScheduledThreadPoolExecutor itemTimers;
    private final StartupBatch startups;
    private final InstanceIds instanceIds = new InstanceIds();
    private final Map<CuratorFramework, Map<Class<?>, Object>> perClient = new WeakHashMap<>();
    private DumpServer dumpServer;
    private int references;

    private CronshardRuntime(int generation) throws SchedulerException {
        triggers = new QuartzTriggers("cronshard-" + generation);
        coordination = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedDaemonThreads("cronshard-coordination"));
        coordination.allowCoreThreadTimeOut(true);
        // a thread is reused by any job, started only when none is idle, and let go after a few idle seconds
        itemThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, ITEM_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedDaemonThreads("cronshard-item"));
        tracingWriter = new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads("cronshard-tracing"));
        tracingWriter.setKeepAliveTime(TRACING_WRITER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        tracingWriter.allowCoreThreadTimeOut(true);
        tracingWriter.setRemoveOnCancelPolicy(true);
        itemTimers = new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads("cronshard-timer"));
        itemTimers.setKeepAliveTime(TRACING_WRITER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        itemTimers.allowCoreThreadTimeOut(true);
        itemTimers.setRemoveOnCancelPolicy(true);
        startups = new StartupBatch(triggers);
        LOG.debug("Started the shared runtime cronshard-{}", generation);
    }

    /**
     * Takes a reference to the JVM's runtime, starting it when none runs.
     *
     * @return the runtime; call {@link #release()} once when done
     */
    public static CronshardRuntime acquire() {
        synchronized (HOLDER) {
            if (HOLDER.current == null) {
                try {
                    HOLDER.current = new CronshardRuntime(++HOLDER.generation);
                } catch (SchedulerException ex) {
                    throw new IllegalStateException("Cannot start the Quartz scheduler", ex);
                }
            }
            HOLDER.current.references++;
            return HOLDER.current;
        }
    }

    /** Gives back a reference; the last one stops the scheduler and every thread. */
    public void release() {
        DumpServer dumps;
        synchronized (HOLDER) {
            if (--references > 0) {
                return;
            }
            if (HOLDER.current == this) {
                HOLDER.current = null;
            }
            dumps = dumpServer;
            dumpServer = null;
        }
        triggers.shutdown();
        if (dumps != null) {
            dumps.close();
        }
        itemThreads.shutdown();
        tracingWriter.shutdown();
        itemTimers.shutdownNow();
        coordination.shutdown();
        try {
            if (!coordination.awaitTermination(30, TimeUnit.SECONDS)) {
                coordination.shutdownNow();
            }
        } catch (InterruptedException ex) {
            coordination.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** @return the Quartz scheduler every job's triggers run on */
    public QuartzTriggers triggers() {
        return triggers;
    }

    /** @return the pool for coordination work; tasks must not block long */
    public ExecutorService coordination() {
        return coordination;
    }

    /** @return the threads every job's items run on, through the job's own executor that caps how many at once */
    public Executor itemThreads() {
        return itemThreads;
    }

    /** @return the one thread that writes every tracing configuration's rows, only while there are rows */
    public ScheduledExecutorService tracingWriter() {
        return tracingWriter;
    }

    /**
     * @return the one thread that times items — timeouts, overdue checks, waits between tries — only
     *         while something is timed; its tasks must be quick
     */
    public ScheduledExecutorService itemTimers() {
        return itemTimers;
    }

    /**
     * What the jobs of one registry center share in this JVM (the namespace's snapshot, the group
     * commit of their marks): one of each type per client, made on first use, let go with the client.
     *
     * @param client a registry center's client
     * @param type what is shared
     * @param factory makes it for the client
     * @param <T> its type
     * @return the client's one
     */
    public <T> T perClient(CuratorFramework client, Class<T> type, Function<CuratorFramework, T> factory) {
        synchronized (perClient) {
            return type.cast(perClient.computeIfAbsent(client, key -> new HashMap<>()).computeIfAbsent(type, key -> factory.apply(client)));
        }
    }

    /** @return the instance ids taken in this JVM */
    public InstanceIds instanceIds() {
        return instanceIds;
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
     * Serves a job instance's dump on the loopback port when {@code cronshard.dump.port} names one.
     *
     * @param jobName the job
     * @param dump produces the instance's dump
     * @return withdraws it; does nothing when no port is configured
     */
    public Runnable registerDump(String jobName, Supplier<String> dump) {
        int port = SystemSettings.dumpPort();
        if (port <= 0) {
            return () -> { };
        }
        synchronized (HOLDER) {
            if (dumpServer == null) {
                try {
                    dumpServer = new DumpServer(port);
                } catch (IOException ex) {
                    LOG.warn("Cannot serve job dumps on 127.0.0.1:{}: {}", port, ex.toString());
                    return () -> { };
                }
            }
            return dumpServer.register(jobName, dump);
        }
    }

    /** @return the port dumps are served on, or -1 when none */
    public int dumpPort() {
        synchronized (HOLDER) {
            return dumpServer == null ? -1 : dumpServer.localPort();
        }
    }

    /** The runtime in use and how many were started (Quartz keeps schedulers by name, so each gets a new one). */
    private static final class Holder {
        private CronshardRuntime current;
        private int generation;
    }
}
