package io.cronshard.tracing;

import io.cronshard.tracing.TracingQueue;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Event tracing into a relational database: every item execution goes to {@code JOB_EXECUTION_LOG}
 * and every state of every fire (STAGING, RUNNING, FINISHED, ERROR, with its source NORMAL,
 * MISFIRE, FAILOVER or MANUAL) to {@code JOB_STATUS_TRACE_LOG}. Both tables are created when
 * missing. Attach it to a job with {@code JobConfiguration.Builder.tracing(…)}:
 * <pre>{@code
 * TracingConfiguration tracing = TracingConfiguration.rdb(dataSource);   // one for all jobs
 * JobConfiguration config = JobConfiguration.newBuilder("orders", 4).cron("0/10 * * * * ?")
 *         .tracing(tracing).build();
 * }</pre>
 *
 * <p>Rows are written off the fire path: each configuration has a bounded queue (see
 * {@link #getQueueCapacity()}) drained in batches by one writer thread shared by the whole JVM, which
 * exists only while there is something to write. Tracing never fails or delays a job: when the queue
 * is full, new rows are dropped; when the database fails, the batch is dropped and writing pauses
 * (1 s, doubling up to 30 s) while the queue keeps what comes meanwhile. Both are logged (at most
 * once a minute) and counted in {@link #getStatistics()}. Share one configuration between the jobs
 * that write to one database: they then share its queue and its counters.
 *
 * <p>Its settings are immutable; it carries its queue and counters. It lives in this JVM only: nothing of it (and nothing of the data source, such as
 * its credentials) is stored in ZooKeeper, so each instance of a job traces only if its own
 * configuration says so.
 *
 * @see TracingQueryAPI reading the rows back
 */
public final class TracingConfiguration {

    /** The type name of relational database tracing, as the Spring front ends spell it. */
    public static final String TYPE_RDB = "RDB";
    /** Rows a configuration's queue holds by default before it drops new ones. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private final DataSource dataSource;
    private final int queueCapacity;
    private final TracingQueue queue;

    private TracingConfiguration(DataSource dataSource, int queueCapacity) {
        this.dataSource = dataSource;
        this.queueCapacity = queueCapacity;
        this.queue = new TracingQueue(dataSource, queueCapacity);
    }

    /**
     * @param dataSource where the tables are; a pooled one is best (a connection is taken for each batch)
     * @return tracing into that database with the default queue capacity
     * @throws NullPointerException when the data source is null
     */
    public static TracingConfiguration rdb(DataSource dataSource) {
        return rdb(dataSource, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * @param dataSource where the tables are; a pooled one is best (a connection is taken for each batch)
     * @param queueCapacity how many rows may wait for the writer before new ones are dropped, at least 1
     * @return tracing into that database
     * @throws NullPointerException when the data source is null
     * @throws IllegalArgumentException when the capacity is below 1
     */
    public static TracingConfiguration rdb(DataSource dataSource, int queueCapacity) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        }
        return new TracingConfiguration(dataSource, queueCapacity);
    }

    /** @return {@value #TYPE_RDB} */
    public String getType() {
        return TYPE_RDB;
    }

    /** @return the database the rows go to */
    public DataSource getDataSource() {
        return dataSource;
    }

    /** @return how many rows may wait for the writer before new ones are dropped */
    public int getQueueCapacity() {
        return queueCapacity;
    }

    /** @return what this configuration's writer did so far: rows written, dropped, failed, queued */
    public TracingStatistics getStatistics() {
        return queue.statistics();
    }

    /**
     * @return the queue this configuration's rows wait in for the database; the runtime offers
     *         every job's rows to it (applications read {@link #getStatistics()} instead)
     */
    public TracingQueue getQueue() {
        return queue;
    }

    /** Says nothing of the data source, whose description may hold a URL with credentials. */
    @Override
    public String toString() {
        return "TracingConfiguration{type=" + TYPE_RDB + ", queueCapacity=" + queueCapacity + '}';
    }
}
