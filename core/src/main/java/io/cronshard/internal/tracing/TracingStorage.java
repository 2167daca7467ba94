package io.cronshard.internal.tracing;

import io.cronshard.internal.schedule.SharedScheduler;
import io.cronshard.tracing.TracingConfiguration;
import io.cronshard.tracing.TracingStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue and writer of one {@link TracingConfiguration}: rows are offered without blocking
 * from the jobs' threads and written in batches, each batch in one transaction, by the JVM's one
 * tracing thread. That thread exists only while some storage has rows to write (or waits to retry
 * a failing database), and goes away after {@value #IDLE_SECONDS} s idle.
 *
 * <p>Failures never reach the jobs: a full queue drops the new row; a failing database loses the
 * batch being written and pauses this storage's writing ({@value #FIRST_RETRY_MILLIS} ms, doubling up
 * to {@value #MAX_RETRY_MILLIS} ms) while its queue keeps filling. Each is counted and logged at most
 * once a minute.
 */
public final class TracingStorage {

    /** Rows written in one batch (one connection, one transaction) at most. */
    public static final int BATCH_SIZE = 500;
    /** First pause after a failed batch. */
    public static final long FIRST_RETRY_MILLIS = 1_000L;
    /** Longest pause after failed batches. */
    public static final long MAX_RETRY_MILLIS = 30_000L;
    /** The writer thread goes away after this long without work. */
    public static final long IDLE_SECONDS = 5L;

    private static final Logger LOG = LoggerFactory.getLogger(TracingStorage.class);
    private static final ScheduledThreadPoolExecutor WRITER = createWriter();
    private static final Map<TracingConfiguration, TracingStorage> STORAGES = new WeakHashMap<>();
    private static volatile String hostname;

    private final DataSource dataSource;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 60_000L);
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 60_000L);
    private final Object monitor = new Object();
    private boolean draining;
    private volatile boolean schemaReady;
    private volatile long retryMillis;

    private TracingStorage(DataSource dataSource, int capacity) {
        this.dataSource = dataSource;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    private static ScheduledThreadPoolExecutor createWriter() {
        ScheduledThreadPoolExecutor result = new ScheduledThreadPoolExecutor(1, new SharedScheduler.NamedDaemonThreads("cronshard-tracing"));
        result.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        result.allowCoreThreadTimeOut(true);
        result.setRemoveOnCancelPolicy(true);
        return result;
    }

    /**
     * @param config a tracing configuration
     * @return its storage, created on first use (no thread, no connection until rows come)
     */
    public static TracingStorage of(TracingConfiguration config) {
        synchronized (STORAGES) {
            return STORAGES.computeIfAbsent(config, key -> new TracingStorage(key.getDataSource(), key.getQueueCapacity()));
        }
    }

    /**
     * Queues a row without blocking; drops and counts it when the queue is full.
     *
     * @param row an {@link ExecutionRow} or {@link StatusRow}
     * @return whether it was queued
     */
    boolean offer(Object row) {
        if (!queue.offer(row)) {
            long count = dropped.incrementAndGet();
            dropLog.warn("Event tracing: the queue is full ({} rows waiting for the database); dropping rows, {} so far",
                    queue.size(), count);
            return false;
        }
        if (retryMillis == 0L) {
            schedule();
        }
        return true;
    }

    /** @return counters and queue length now */
    public TracingStatistics statistics() {
        return new TracingStatistics(written.get(), dropped.get(), failed.get(), queue.size());
    }

    /**
     * Waits until every queued row is written, unless the database is failing (then returns at once).
     *
     * @param timeoutMillis the longest wait
     * @return whether the queue is empty and nothing is being written
     */
    public boolean flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (monitor) {
            while ((draining || !queue.isEmpty()) && retryMillis == 0L) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0L) {
                    return false;
                }
                if (!draining) {
                    schedule();
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !draining && queue.isEmpty();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                WRITER.execute(this::drain);
            } catch (RejectedExecutionException ex) {
                scheduled.set(false);
            }
        }
    }

    /** On the writer thread: writes batches until the queue is empty or the database fails. */
    private void drain() {
        setDraining(true);
        boolean failedNow = false;
        try {
            List<Object> batch = new ArrayList<>(Math.min(BATCH_SIZE, Math.max(1, queue.size())));
            while (queue.drainTo(batch, BATCH_SIZE) > 0) {
                if (!write(batch)) {
                    failedNow = true;
                    break;
                }
                batch.clear();
            }
        } finally {
            if (failedNow) {
                long delay = retryMillis == 0L ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
                retryMillis = delay;
                // stays scheduled: rows that come meanwhile wait in the queue for the retry
                WRITER.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
            } else {
                retryMillis = 0L;
                scheduled.set(false);
            }
            setDraining(false);
        }
        if (!failedNow && !queue.isEmpty()) {
            schedule();
        }
    }

    private void retry() {
        drain();
    }

    private void setDraining(boolean value) {
        synchronized (monitor) {
            draining = value;
            monitor.notifyAll();
        }
    }

    /** @return whether the batch was written; a failed batch is counted, logged and dropped */
    private boolean write(List<Object> batch) {
        try (Connection connection = dataSource.getConnection()) {
            if (!schemaReady) {
                TracingTables.ensure(connection);
                schemaReady = true;
            }
            insert(connection, batch);
            written.addAndGet(batch.size());
            return true;
        } catch (Exception | LinkageError ex) {
            schemaReady = false;
            long count = failed.addAndGet(batch.size());
            long pause = retryMillis == 0L ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            failureLog.warn("Event tracing: writing {} rows to the database failed ({} lost so far); writing pauses {} ms: {}",
                    batch.size(), count, pause, ex);
            return false;
        }
    }

    private static void insert(Connection connection, List<Object> batch) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            List<ExecutionRow> executions = new ArrayList<>();
            List<StatusRow> statuses = new ArrayList<>();
            for (Object each : batch) {
                if (each instanceof ExecutionRow row) {
                    executions.add(row);
                } else if (each instanceof StatusRow row) {
                    statuses.add(row);
                }
            }
            if (!statuses.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(TracingTables.INSERT_STATUS)) {
                    for (StatusRow row : statuses) {
                        TracingTables.bindStatus(insert, row);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (!executions.isEmpty()) {
                String host = hostname();
                try (PreparedStatement insert = connection.prepareStatement(TracingTables.INSERT_EXECUTION)) {
                    for (ExecutionRow row : executions) {
                        TracingTables.bindExecution(insert, row, host);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException ex) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                ex.addSuppressed(rollback);
            }
            throw ex;
        } finally {
            if (autoCommit) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool will find out
                }
            }
        }
    }

    /** This machine's name, looked up once, on the writer thread (a lookup may wait for DNS). */
    private static String hostname() {
        String result = hostname;
        if (result == null) {
            try {
                result = InetAddress.getLocalHost().getHostName();
            } catch (Exception ex) {
                result = "unknown";
            }
            hostname = result;
        }
        return result;
    }
}
