package io.cronshard.tracing;


import io.cronshard.tracing.TracingStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The queue of one {@link TracingConfiguration}: rows offered without blocking by the jobs'
 * threads, written in batches, each batch in one transaction, by the JVM's one tracing writer
 * thread (which the Cronshard runtime owns and hands over with each row). The writer exists only
 * while some queue has rows to write (or waits to retry a failing database).
 *
 * <p>Failures never reach the jobs: a full queue drops the new row; a failing database loses the
 * batch being written and pauses this queue's writing ({@value #FIRST_RETRY_MILLIS} ms, doubling up
 * to {@value #MAX_RETRY_MILLIS} ms) while it keeps filling. Each is counted ({@link #statistics()})
 * and logged at most once a minute. Values are cut to their columns here.
 */
public final class TracingQueue {

    /** Rows written in one batch (one connection, one transaction) at most. */
    public static final int BATCH_SIZE = 500;
    /** First pause after a failed batch. */
    public static final long FIRST_RETRY_MILLIS = 1_000L;
    /** Longest pause after failed batches. */
    public static final long MAX_RETRY_MILLIS = 30_000L;

    private static final Logger LOG = LoggerFactory.getLogger(TracingQueue.class);

    private final DataSource dataSource;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong nextDropWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong nextFailureWarning = new AtomicLong(System.nanoTime());
    private final Object monitor = new Object();
    private volatile ScheduledExecutorService writer;
    private volatile String hostname;
    private boolean draining;
    private volatile boolean schemaReady;
    private volatile long retryMillis;

    TracingQueue(DataSource dataSource, int capacity) {
        this.dataSource = dataSource;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /**
     * Queues an execution row without blocking; drops and counts it when the queue is full.
     *
     * @param row the row; values longer than their columns are cut
     * @param writerThread the thread that writes rows (the runtime's)
     * @return whether it was queued
     */
    public boolean offer(JobExecutionRecord row, ScheduledExecutorService writerThread) {
        return offer((Object) new JobExecutionRecord(row.id(), TracingTables.cut(row.jobName(), TracingTables.JOB_NAME_LENGTH),
                TracingTables.cutMiddle(row.taskId(), TracingTables.TASK_ID_LENGTH), null, TracingTables.cut(row.ip(), TracingTables.IP_LENGTH),
                TracingTables.cut(row.instanceId(), TracingTables.INSTANCE_ID_LENGTH), row.shardingItem(), row.executionSource(),
                row.failureCause(), row.success(), row.startTime(), row.completeTime(), row.tryNumber()), writerThread);
    }

    /**
     * Queues a status row without blocking; drops and counts it when the queue is full.
     *
     * @param row the row; values longer than their columns are cut
     * @param writerThread the thread that writes rows (the runtime's)
     * @return whether it was queued
     */
    public boolean offer(JobStatusTraceRecord row, ScheduledExecutorService writerThread) {
        return offer((Object) new JobStatusTraceRecord(row.id(), TracingTables.cut(row.jobName(), TracingTables.JOB_NAME_LENGTH),
                TracingTables.cutMiddle(row.originalTaskId(), TracingTables.TASK_ID_LENGTH),
                TracingTables.cutMiddle(row.taskId(), TracingTables.TASK_ID_LENGTH),
                TracingTables.cut(row.instanceId(), TracingTables.INSTANCE_ID_LENGTH), TracingTables.cut(row.ip(), TracingTables.IP_LENGTH),
                row.executionSource(), TracingTables.items(row.shardingItems()), row.state(),
                TracingTables.cut(row.message(), TracingTables.MESSAGE_LENGTH), row.creationTime()), writerThread);
    }

    /**
     * @param failure what an item's body threw
     * @return its stack trace as stored: cut to the column, keeping the start and the root cause
     */
    public static String failureCause(Throwable failure) {
        return TracingTables.failureCause(failure);
    }

    private boolean offer(Object row, ScheduledExecutorService writerThread) {
        writer = writerThread;
        if (!queue.offer(row)) {
            long count = dropped.incrementAndGet();
            if (oncePerMinute(nextDropWarning)) {
                LOG.warn("Event tracing: the queue is full ({} rows waiting for the database); dropping rows, {} so far", queue.size(), count);
            }
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

    /** A recurring problem is logged at WARN at most once a minute, so that a database that stays down does not flood the log. */
    private static boolean oncePerMinute(AtomicLong next) {
        long now = System.nanoTime();
        long due = next.get();
        return now - due >= 0 && next.compareAndSet(due, now + TimeUnit.MINUTES.toNanos(1));
    }

    private void schedule() {
        ScheduledExecutorService current = writer;
        if (current != null && scheduled.compareAndSet(false, true)) {
            try {
                current.execute(this::drain);
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
                try {
                    writer.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    scheduled.set(false);
                }
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
            if (oncePerMinute(nextFailureWarning)) {
                LOG.warn("Event tracing: writing {} rows to the database failed ({} lost so far); writing pauses {} ms: {}",
                        batch.size(), count, pause, ex.toString());
            }
            LOG.debug("Event tracing: writing a batch failed", ex);
            return false;
        }
    }

    private void insert(Connection connection, List<Object> batch) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            List<JobExecutionRecord> executions = new ArrayList<>();
            List<JobStatusTraceRecord> statuses = new ArrayList<>();
            for (Object each : batch) {
                if (each instanceof JobExecutionRecord row) {
                    executions.add(row);
                } else if (each instanceof JobStatusTraceRecord row) {
                    statuses.add(row);
                }
            }
            if (!statuses.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(TracingTables.INSERT_STATUS)) {
                    for (JobStatusTraceRecord row : statuses) {
                        TracingTables.bindStatus(insert, row);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (!executions.isEmpty()) {
                String host = hostname();
                try (PreparedStatement insert = connection.prepareStatement(TracingTables.INSERT_EXECUTION)) {
                    for (JobExecutionRecord row : executions) {
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
    private String hostname() {
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
