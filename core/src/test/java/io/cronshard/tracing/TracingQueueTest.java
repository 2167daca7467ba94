package io.cronshard.tracing;

import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.events.FireState;
import io.cronshard.internal.events.FireStatusEvent;
import io.cronshard.internal.events.ItemExecutionEvent;
import io.cronshard.internal.runtime.CronshardRuntime;
import io.cronshard.internal.tracing.TracingObserver;
import io.cronshard.testsupport.TestDataSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tracing queue and its one writer: batches, a full queue, a failing database, threads, cut values. */
class TracingQueueTest {

    private CronshardRuntime runtime;

    @BeforeEach
    void acquireRuntime() {
        runtime = CronshardRuntime.acquire();
    }

    @AfterEach
    void releaseRuntime() {
        runtime.release();
    }

    private static JobExecutionRecord execution(int item) {
        return new JobExecutionRecord(java.util.UUID.randomUUID().toString(), "job", "job@-@" + item + "@-@NORMAL@-@i@-@1", null, "10.0.0.1",
                "10.0.0.1@-@1", item, "NORMAL", null, true, Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_000_500L));
    }

    private static JobStatusTraceRecord status(String state) {
        return new JobStatusTraceRecord(java.util.UUID.randomUUID().toString(), "job", "t", "t", "10.0.0.1@-@1", "10.0.0.1", "NORMAL", "0", state,
                "m", Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private boolean offer(TracingQueue queue, Object row) {
        return row instanceof JobExecutionRecord execution ? queue.offer(execution, runtime.tracingWriter())
                : queue.offer((JobStatusTraceRecord) row, runtime.tracingWriter());
    }

    private static int count(DataSource database, String table) throws SQLException {
        try (Connection connection = database.getConnection();
             ResultSet result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static long tracingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(each -> each.getName().startsWith("cronshard-tracing")).count();
    }

    @Test
    void writesEveryRowInBatchesAndFlushWaitsForThem() throws Exception {
        DataSource database = TestDataSources.h2("batches");
        TracingQueue storage = TracingConfiguration.rdb(database).getQueue();
        for (int i = 0; i < 1_200; i++) {
            assertThat(offer(storage, i % 4 == 0 ? status("RUNNING") : execution(i))).isTrue();
        }
        assertThat(storage.flush(10_000)).isTrue();

        assertThat(storage.statistics()).isEqualTo(new TracingStatistics(1_200, 0, 0, 0));
        assertThat(count(database, "JOB_EXECUTION_LOG")).isEqualTo(900);
        assertThat(count(database, "JOB_STATUS_TRACE_LOG")).isEqualTo(300);
    }

    @Test
    void aFullQueueDropsAndCountsNewRowsWithoutBlocking() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DataSource slow = new Delegating(TestDataSources.h2("slow")) {
            @Override
            public Connection getConnection() throws SQLException {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return super.getConnection();
            }
        };
        TracingQueue storage = TracingConfiguration.rdb(slow, 10).getQueue();
        offer(storage, execution(0));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long before = System.nanoTime();
        int queued = 0;
        for (int i = 1; i <= 15; i++) {
            if (offer(storage, execution(i))) {
                queued++;
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(queued).isEqualTo(10);
        assertThat(storage.statistics().dropped()).isEqualTo(5);
        assertThat(storage.statistics().queued()).isEqualTo(10);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.statistics().written() == 11);
        assertThat(count(slow, "JOB_EXECUTION_LOG")).isEqualTo(11);
    }

    @Test
    void aFailingDatabaseLosesTheBatchPausesAndResumes() throws Exception {
        TestDataSources.Switchable down = new TestDataSources.Switchable(TestDataSources.h2("failing"), true);
        TracingQueue storage = TracingConfiguration.rdb(down).getQueue();
        offer(storage, execution(0));
        offer(storage, execution(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> storage.statistics().failed() == 2);

        // paused: new rows wait in the queue, no connection is asked for, and flush does not wait
        int requests = down.requests.get();
        offer(storage, execution(2));
        long before = System.nanoTime();
        assertThat(storage.flush(5_000)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(down.requests.get()).isEqualTo(requests);
        assertThat(storage.statistics().queued()).isEqualTo(1);

        down.broken = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.statistics().written() == 1);
        assertThat(storage.statistics()).isEqualTo(new TracingStatistics(1, 0, 2, 0));
        assertThat(count(down, "JOB_EXECUTION_LOG")).isEqualTo(1);
    }

    @Test
    void oneWriterThreadServesEveryStorageAndLeavesWhenIdle() throws Exception {
        List<TracingQueue> storages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            storages.add(TracingConfiguration.rdb(TestDataSources.h2("threads")).getQueue());
        }
        long most = 0;
        for (int round = 0; round < 20; round++) {
            for (TracingQueue each : storages) {
                offer(each, execution(round));
            }
            most = Math.max(most, tracingThreads());
        }
        for (TracingQueue each : storages) {
            assertThat(each.flush(10_000)).isTrue();
            assertThat(each.statistics().written()).isEqualTo(20);
        }
        assertThat(most).isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(CronshardRuntime.TRACING_WRITER_KEEP_ALIVE_SECONDS + 10)).until(() -> tracingThreads() == 0);
    }

    @Test
    void valuesAreCutToTheirColumns() throws Exception {
        Exception deep = new RuntimeException("top " + "x".repeat(5_000), new IllegalStateException("middle", new java.io.IOException("root: disk full")));
        String cause = TracingTables.failureCause(deep);
        assertThat(cause).hasSizeLessThanOrEqualTo(TracingTables.FAILURE_CAUSE_LENGTH).startsWith("java.lang.RuntimeException: top xxx")
                .contains("characters in all; cut").contains("Root cause: java.io.IOException: root: disk full");
        Exception shallow = new IllegalStateException("short");
        shallow.setStackTrace(java.util.Arrays.copyOf(shallow.getStackTrace(), 3));
        assertThat(TracingTables.failureCause(shallow)).startsWith("java.lang.IllegalStateException: short")
                .doesNotContain("characters in all").contains("\tat ");

        String taskId = "job@-@" + "1,".repeat(1_000) + "2@-@NORMAL@-@10.0.0.1@-@1@-@abcdef";
        String cutTask = TracingTables.cutMiddle(taskId, TracingTables.TASK_ID_LENGTH);
        assertThat(cutTask).hasSize(TracingTables.TASK_ID_LENGTH).startsWith("job@-@1,1,").endsWith("@-@abcdef").contains("...");
        assertThat(TracingTables.cut("ab\uD83D\uDE00", 3)).isEqualTo("ab");

        // a row with every long value is stored
        DataSource database = TestDataSources.h2("long");
        TracingObserver observer = new TracingObserver(TracingConfiguration.rdb(database), runtime.tracingWriter());
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            items.add(i);
        }
        observer.fireStatusChanged(new io.cronshard.internal.events.FireStatusEvent("j".repeat(300), taskId, taskId, "i".repeat(300),
                "10.0.0.1", items, io.cronshard.internal.events.ExecutionSource.NORMAL, io.cronshard.internal.events.FireState.ERROR,
                "m".repeat(5_000), System.currentTimeMillis(), 1L, 1L));
        observer.itemExecuted(new io.cronshard.internal.events.ItemExecutionEvent("j".repeat(300), taskId, 7, "i".repeat(300), "10.0.0.1",
                io.cronshard.internal.events.ExecutionSource.MANUAL, 1L, 2L, 1L, false, deep, 3));
        observer.flush(10_000);
        assertThat(count(database, "JOB_EXECUTION_LOG")).isEqualTo(1);
        assertThat(count(database, "JOB_STATUS_TRACE_LOG")).isEqualTo(1);
        try (Connection connection = database.getConnection();
             ResultSet row = connection.createStatement().executeQuery("SELECT sharding_item FROM JOB_STATUS_TRACE_LOG")) {
            row.next();
            assertThat(row.getString(1)).hasSizeLessThanOrEqualTo(TracingTables.ITEMS_LENGTH).startsWith("0,1,2,").endsWith(",...");
        }
    }

    @Test
    void twoStoragesOnOneDatabaseShareItsTables() throws Exception {
        DataSource database = TestDataSources.h2("shared");
        TracingQueue first = TracingConfiguration.rdb(database).getQueue();
        TracingQueue second = TracingConfiguration.rdb(database).getQueue();
        offer(first, execution(1));
        offer(second, execution(2));
        assertThat(first.flush(10_000)).isTrue();
        assertThat(second.flush(10_000)).isTrue();
        assertThat(count(database, "JOB_EXECUTION_LOG")).isEqualTo(2);
    }

    /** Passes everything to another data source. */
    private static class Delegating implements DataSource {

        private final DataSource target;

        Delegating(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }
}
