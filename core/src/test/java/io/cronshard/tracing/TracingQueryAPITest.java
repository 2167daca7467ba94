package io.cronshard.tracing;

import io.cronshard.testsupport.TestDataSources;
import io.cronshard.tracing.TracingTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Filters, sorting and paging of the tracing tables, on H2 (and H2 in PostgreSQL mode). */
class TracingQueryAPITest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private DataSource database;
    private TracingQueryAPI history;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDataSources.h2("query");
        history = new TracingQueryAPI(database);
        try (Connection connection = database.getConnection()) {
            TracingTables.ensure(connection);
            // 25 executions: jobs a (15) and b (10), one a minute; instances i1 (even) and i2 (odd); every 5th fails
            for (int i = 0; i < 25; i++) {
                insertExecution(connection, "e" + i, i < 15 ? "a" : "b", "task-" + (i / 5), i % 2 == 0 ? "10.0.0.1" : "10.0.0.2",
                        i % 2 == 0 ? "10.0.0.1@-@1" : "10.0.0.2@-@2", i % 3, i % 5 == 4 ? "MISFIRE" : "NORMAL", i % 5 != 3,
                        T0.plus(Duration.ofMinutes(i)));
            }
            insertStatus(connection, "s1", "a", "orig-1", "task-1", "RUNNING", T0);
            insertStatus(connection, "s2", "a", "orig-1", "orig-1", "STAGING", T0);
            insertStatus(connection, "s3", "a", "orig-1", "task-1", "ERROR", T0);
            insertStatus(connection, "s4", "b", "orig-2", "orig-2", "STAGING", T0.plusSeconds(5));
        }
    }

    private static void insertExecution(Connection connection, String id, String job, String task, String ip, String instance, int item,
                                        String source, boolean success, Instant start) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO JOB_EXECUTION_LOG (id, job_name, task_id, hostname, ip,"
                + " instance_id, sharding_item, execution_source, failure_cause, is_success, start_time, complete_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, job);
            insert.setString(3, task);
            insert.setString(4, "host-" + ip);
            insert.setString(5, ip);
            insert.setString(6, instance);
            insert.setInt(7, item);
            insert.setString(8, source);
            insert.setString(9, success ? null : "java.lang.IllegalStateException: " + id);
            insert.setBoolean(10, success);
            insert.setObject(11, TracingTables.toUtc(start));
            insert.setObject(12, TracingTables.toUtc(start.plusSeconds(10)));
            insert.executeUpdate();
        }
    }

    private static void insertStatus(Connection connection, String id, String job, String original, String task, String state, Instant at)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO JOB_STATUS_TRACE_LOG (id, job_name, original_task_id,"
                + " task_id, instance_id, ip, execution_source, sharding_item, state, message, creation_time)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, job);
            insert.setString(3, original);
            insert.setString(4, task);
            insert.setString(5, "10.0.0.1@-@1");
            insert.setString(6, "10.0.0.1");
            insert.setString(7, "NORMAL");
            insert.setString(8, "0,1");
            insert.setString(9, state);
            insert.setString(10, state + " message");
            insert.setObject(11, TracingTables.toUtc(at));
            insert.executeUpdate();
        }
    }

    private static List<String> ids(Page<JobExecutionRecord> page) {
        return page.items().stream().map(JobExecutionRecord::id).toList();
    }

    @Test
    void pagesNewestFirstWithTheTotalCount() {
        Page<JobExecutionRecord> first = history.findExecutions(ExecutionQuery.newBuilder().pageSize(10).build());
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(ids(first)).containsExactly("e24", "e23", "e22", "e21", "e20", "e19", "e18", "e17", "e16", "e15");

        Page<JobExecutionRecord> last = history.findExecutions(ExecutionQuery.newBuilder().page(3).pageSize(10).build());
        assertThat(ids(last)).containsExactly("e4", "e3", "e2", "e1", "e0");
        assertThat(last.page()).isEqualTo(3);

        Page<JobExecutionRecord> beyond = history.findExecutions(ExecutionQuery.newBuilder().page(4).pageSize(10).build());
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);
    }

    @Test
    void readsEveryColumnBack() {
        JobExecutionRecord failed = history.findExecutions(ExecutionQuery.newBuilder().taskId("task-0").success(false).build()).items().get(0);
        assertThat(failed).isEqualTo(new JobExecutionRecord("e3", "a", "task-0", "host-10.0.0.2", "10.0.0.2", "10.0.0.2@-@2", 0, "NORMAL",
                "java.lang.IllegalStateException: e3", false, T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(3)).plusSeconds(10)));
    }

    @Test
    void filtersCombineWithAnd() {
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("a").build()).total()).isEqualTo(15);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("b").ip("10.0.0.1").build()).total()).isEqualTo(5);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().instanceId("10.0.0.2@-@2").build()).total()).isEqualTo(12);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().hostname("host-10.0.0.2").build()).total()).isEqualTo(12);
        assertThat(ids(history.findExecutions(ExecutionQuery.newBuilder().success(false).build())))
                .containsExactly("e23", "e18", "e13", "e8", "e3");
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().success(true).build()).total()).isEqualTo(20);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().executionSource("misfire").build()).total()).isEqualTo(5);
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().shardingItem(2).build()).total()).isEqualTo(8);
        // from inclusive, to exclusive
        assertThat(ids(history.findExecutions(ExecutionQuery.newBuilder().startTimeFrom(T0.plus(Duration.ofMinutes(5)))
                .startTimeTo(T0.plus(Duration.ofMinutes(8))).build()))).containsExactly("e7", "e6", "e5");
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("  ").build()).total()).as("blank is no filter").isEqualTo(25);
    }

    @Test
    void sortsByAWhitelistedFieldOnly() {
        assertThat(ids(history.findExecutions(ExecutionQuery.newBuilder().sortBy("startTime", "asc").pageSize(3).build())))
                .containsExactly("e0", "e1", "e2");
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().sortBy("sharding_item", "ASC").pageSize(25).build()).items())
                .extracting(JobExecutionRecord::shardingItem).isSorted();
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().sortBy("start_time; DROP TABLE JOB_EXECUTION_LOG", "ASC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sortable fields are");
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().sortBy("failure_cause", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().sortBy("startTime", "sideways")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterValuesAreParametersNeverSql() throws Exception {
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("a' OR '1'='1").build()).total()).isZero();
        assertThat(history.findExecutions(ExecutionQuery.newBuilder().jobName("a'; DROP TABLE JOB_EXECUTION_LOG; --").build()).total()).isZero();
        try (Connection connection = database.getConnection();
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM JOB_EXECUTION_LOG")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(25);
        }
    }

    @Test
    void refusesBadPagesRangesAndValues() {
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().page(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().pageSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().pageSize(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().executionSource("CLOUD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FAILOVER");
        assertThatThrownBy(() -> ExecutionQuery.newBuilder().startTimeFrom(T0).startTimeTo(T0.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusTraceQuery.newBuilder().state("DONE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STAGING");
    }

    @Test
    void statusTracesOfAFireComeInTheOrderOfItsStates() {
        List<JobStatusTraceRecord> fire = history.findStatusTraces(StatusTraceQuery.newBuilder().taskId("orig-1").sortBy("creationTime", "ASC")
                .build()).items();
        assertThat(fire).extracting(JobStatusTraceRecord::state).containsExactly("STAGING", "RUNNING", "ERROR");
        assertThat(history.findStatusTraces(StatusTraceQuery.newBuilder().taskId("task-1").build()).total())
                .as("the task id matches the started task id too").isEqualTo(2);
        assertThat(history.findStatusTraces(StatusTraceQuery.newBuilder().build()).items()).extracting(JobStatusTraceRecord::id)
                .as("newest first").startsWith("s4").endsWith("s2");
        assertThat(history.findStatusTraces(StatusTraceQuery.newBuilder().state("staging").build()).total()).isEqualTo(2);
        assertThat(history.findStatusTraces(StatusTraceQuery.newBuilder().jobName("a").state("ERROR").build()).items().get(0))
                .isEqualTo(new JobStatusTraceRecord("s3", "a", "orig-1", "task-1", "10.0.0.1@-@1", "10.0.0.1", "NORMAL", "0,1", "ERROR",
                        "ERROR message", T0));
        assertThat(history.findStatusTraces(StatusTraceQuery.newBuilder().creationTimeFrom(T0.plusSeconds(1)).build()).total()).isEqualTo(1);
    }

    @Test
    void anEmptyDatabaseGetsItsTablesAndAnEmptyPage() {
        DataSource empty = TestDataSources.h2("empty");
        TracingQueryAPI api = new TracingQueryAPI(empty);
        assertThat(api.findExecutions(ExecutionQuery.newBuilder().build()).items()).isEmpty();
        assertThat(api.findStatusTraces(StatusTraceQuery.newBuilder().build()).total()).isZero();
    }

    @Test
    void worksOnH2InPostgresqlMode() throws Exception {
        org.h2.jdbcx.JdbcDataSource postgres = TestDataSources.h2("pgmode");
        postgres.setURL(postgres.getURL() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        try (Connection connection = postgres.getConnection()) {
            TracingTables.ensure(connection);
            TracingTables.ensure(connection);
            insertExecution(connection, "p1", "pg", "t", "10.0.0.9", "10.0.0.9@-@9", 0, "FAILOVER", true, T0);
        }
        Page<JobExecutionRecord> page = new TracingQueryAPI(postgres).findExecutions(ExecutionQuery.newBuilder().jobName("pg").build());
        assertThat(page.items()).extracting(JobExecutionRecord::executionSource).containsExactly("FAILOVER");
        assertThat(page.items().get(0).startTime()).isEqualTo(T0.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aTableOfAnEarlierVersionGetsTheTryNumberColumnWithOneForItsRows() throws Exception {
        DataSource earlier = TestDataSources.h2("earlier");
        try (Connection connection = earlier.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute(TracingTables.CREATE_EXECUTION_LOG.replace("try_number INTEGER DEFAULT 1 NOT NULL, ", ""));
            insertExecutionWithoutTryNumber(statement);
            TracingTables.ensure(connection);
            TracingTables.ensure(connection);
        }
        Page<JobExecutionRecord> page = new TracingQueryAPI(earlier).findExecutions(ExecutionQuery.newBuilder().jobName("old").build());
        assertThat(page.items()).extracting(JobExecutionRecord::tryNumber).containsExactly(1);
    }

    private static void insertExecutionWithoutTryNumber(java.sql.Statement statement) throws java.sql.SQLException {
        statement.execute("INSERT INTO JOB_EXECUTION_LOG (id, job_name, task_id, hostname, ip, instance_id, sharding_item, execution_source,"
                + " is_success, start_time, complete_time) VALUES ('o1', 'old', 't', 'h', '10.0.0.1', '10.0.0.1@-@1', 0, 'NORMAL', TRUE,"
                + " TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:00:01')");
    }

    @Test
    void aDatabaseFailureIsATracingException() {
        TestDataSources.Switchable down = new TestDataSources.Switchable(TestDataSources.h2("down"), true);
        assertThatThrownBy(() -> new TracingQueryAPI(down).findExecutions(ExecutionQuery.newBuilder().build()))
                .isInstanceOf(TracingException.class).hasMessageContaining("JOB_EXECUTION_LOG");
    }
}
