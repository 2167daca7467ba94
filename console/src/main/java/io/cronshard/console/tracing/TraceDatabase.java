package io.cronshard.console.tracing;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.cronshard.tracing.ExecutionQuery;
import io.cronshard.tracing.TracingQueryAPI;

/**
 * One event-trace database in use: its connection pool and the query API over it. Readers lease it
 * for the length of one read; once replaced (set or cleared on the page) it is retired and its pool is
 * closed when the last read in flight ends, so a change never breaks a query that already started.
 */
public final class TraceDatabase {

    private final HikariDataSource pool;
    private final TracingQueryAPI queryAPI;
    private final AtomicInteger readers = new AtomicInteger();
    private volatile boolean retired;
    private volatile boolean tablesReady;

    TraceDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.queryAPI = new TracingQueryAPI(pool);
    }

    /** @return the pooled data source (never close it: the console does) */
    public DataSource dataSource() {
        return pool;
    }

    /** @return the query API over the pool */
    public TracingQueryAPI queryAPI() {
        return queryAPI;
    }

    /**
     * Creates the tracing tables when missing (through the query API, as the jobs would), once per database (a count over an impossible job name: one index lookup), so
     * that reads before the first traced fire find empty tables rather than an error.
     */
    public void ensureTables() {
        if (!tablesReady) {
            queryAPI.findExecutions(ExecutionQuery.newBuilder().jobName("/").pageSize(1).build());
            tablesReady = true;
        }
    }

    /** @return whether the pool is closed (retired and no read in flight) */
    boolean isClosed() {
        return pool.isClosed();
    }

    HikariDataSource pool() {
        return pool;
    }

    /** @return whether the lease was taken; false when retired in the meantime */
    boolean lease() {
        readers.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (readers.decrementAndGet() == 0 && retired) {
            pool.close();
        }
    }

    void retire() {
        retired = true;
        if (readers.get() == 0) {
            pool.close();
        }
    }
}
