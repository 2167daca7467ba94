package io.cronshard.tracing;

import io.cronshard.tracing.TracingTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads the tracing tables back, for history screens and investigations: item executions
 * ({@link #findExecutions}) and fire states ({@link #findStatusTraces}), filtered, sorted (newest
 * first by default) and paged, each page with the total count of matching rows.
 * <pre>{@code
 * TracingQueryAPI history = new TracingQueryAPI(dataSource);
 * Page<JobExecutionRecord> failures = history.findExecutions(
 *         ExecutionQuery.newBuilder().jobName("orders").success(false).pageSize(50).build());
 * }</pre>
 *
 * <p>Every filter value is a {@link PreparedStatement} parameter; sort fields are checked against a
 * fixed list by the query builders, so no caller text ever becomes SQL. The tables are created when
 * missing (an empty page rather than an error before any job traced). Each call takes one connection
 * from the data source and gives it back. Thread-safe.
 */
public final class TracingQueryAPI {

    private static final String EXECUTION_COLUMNS = "id, job_name, task_id, hostname, ip, instance_id, sharding_item, execution_source,"
            + " failure_cause, is_success, start_time, complete_time, try_number";
    private static final String STATUS_COLUMNS = "id, job_name, original_task_id, task_id, instance_id, ip, execution_source, sharding_item,"
            + " state, message, creation_time";
    /** The states of one fire in the order they happen, for rows created in the same millisecond. */
    private static final String STATE_ORDER = "CASE state WHEN 'STAGING' THEN 0 WHEN 'RUNNING' THEN 1 ELSE 2 END";

    private final DataSource dataSource;
    private volatile boolean schemaReady;

    /**
     * @param dataSource the database the tracing writes to
     */
    public TracingQueryAPI(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
    }

    /**
     * @param tracing a tracing configuration
     * @return a query API over its database
     */
    public static TracingQueryAPI of(TracingConfiguration tracing) {
        return new TracingQueryAPI(tracing.getDataSource());
    }

    /**
     * @param query filters, order and page
     * @return the page of item executions
     * @throws TracingException when the database fails
     */
    public Page<JobExecutionRecord> findExecutions(ExecutionQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        Where where = new Where()
                .equal("job_name", query.getJobName())
                .equal("task_id", query.getTaskId())
                .equal("instance_id", query.getInstanceId())
                .equal("ip", query.getIp())
                .equal("hostname", query.getHostname())
                .equal("sharding_item", query.getShardingItem())
                .equal("execution_source", query.getExecutionSource())
                .equal("is_success", query.getSuccess())
                .atLeast("start_time", query.getStartTimeFrom())
                .before("start_time", query.getStartTimeTo());
        String order = query.getSortColumn() + direction(query.isAscending()) + ", id" + direction(query.isAscending());
        return page(TracingTables.EXECUTION_LOG, EXECUTION_COLUMNS, where, order, query.getPage(), query.getPageSize(),
                TracingQueryAPI::execution);
    }

    /**
     * @param query filters, order and page
     * @return the page of fire states
     * @throws TracingException when the database fails
     */
    public Page<JobStatusTraceRecord> findStatusTraces(StatusTraceQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        Where where = new Where()
                .equal("job_name", query.getJobName())
                .eitherEqual("task_id", "original_task_id", query.getTaskId())
                .equal("instance_id", query.getInstanceId())
                .equal("ip", query.getIp())
                .equal("execution_source", query.getExecutionSource())
                .equal("state", query.getState())
                .atLeast("creation_time", query.getCreationTimeFrom())
                .before("creation_time", query.getCreationTimeTo());
        String direction = direction(query.isAscending());
        String order = query.getSortColumn() + direction
                + ("creation_time".equals(query.getSortColumn()) ? ", " + STATE_ORDER + direction : "") + ", id" + direction;
        return page(TracingTables.STATUS_TRACE_LOG, STATUS_COLUMNS, where, order, query.getPage(), query.getPageSize(),
                TracingQueryAPI::statusTrace);
    }

    private static String direction(boolean ascending) {
        return ascending ? " ASC" : " DESC";
    }

    private <T> Page<T> page(String table, String columns, Where where, String order, int page, int pageSize, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection()) {
            if (!schemaReady) {
                TracingTables.ensure(connection);
                schemaReady = true;
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table + where.sql())) {
                where.bind(count);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    total = result.getLong(1);
                }
            }
            List<T> items = new ArrayList<>();
            long offset = (long) (page - 1) * pageSize;
            if (offset < total) {
                boolean limitSyntax = usesLimit(connection);
                String sql = "SELECT " + columns + " FROM " + table + where.sql() + " ORDER BY " + order
                        + (limitSyntax ? " LIMIT ? OFFSET ?" : " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    int next = where.bind(select);
                    if (limitSyntax) {
                        select.setInt(next, pageSize);
                        select.setLong(next + 1, offset);
                    } else {
                        select.setLong(next, offset);
                        select.setInt(next + 1, pageSize);
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            items.add(reader.read(result));
                        }
                    }
                }
            }
            return new Page<>(items, total, page, pageSize);
        } catch (SQLException ex) {
            schemaReady = false;
            throw new TracingException("Cannot read " + table + ": " + ex.getMessage(), ex);
        }
    }

    /** MySQL, MariaDB and SQLite do not know the standard OFFSET … FETCH clause; H2 and PostgreSQL know both. */
    private static boolean usesLimit(Connection connection) throws SQLException {
        String product = String.valueOf(connection.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
        return product.contains("mysql") || product.contains("mariadb") || product.contains("sqlite");
    }

    private static JobExecutionRecord execution(ResultSet row) throws SQLException {
        return new JobExecutionRecord(row.getString("id"), row.getString("job_name"), row.getString("task_id"), row.getString("hostname"),
                row.getString("ip"), row.getString("instance_id"), row.getInt("sharding_item"), row.getString("execution_source"),
                row.getString("failure_cause"), row.getBoolean("is_success"), instant(row, "start_time"), instant(row, "complete_time"),
                row.getInt("try_number"));
    }

    private static JobStatusTraceRecord statusTrace(ResultSet row) throws SQLException {
        return new JobStatusTraceRecord(row.getString("id"), row.getString("job_name"), row.getString("original_task_id"),
                row.getString("task_id"), row.getString("instance_id"), row.getString("ip"), row.getString("execution_source"),
                row.getString("sharding_item"), row.getString("state"), row.getString("message"), instant(row, "creation_time"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return TracingTables.fromUtc(row.getObject(column, LocalDateTime.class));
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A WHERE clause of fixed column names and parameter placeholders, and the values to bind. */
    private static final class Where {

        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();

        Where equal(String column, Object value) {
            if (value != null) {
                and(column + " = ?");
                values.add(value);
            }
            return this;
        }

        Where eitherEqual(String column, String otherColumn, Object value) {
            if (value != null) {
                and("(" + column + " = ? OR " + otherColumn + " = ?)");
                values.add(value);
                values.add(value);
            }
            return this;
        }

        Where atLeast(String column, Instant value) {
            if (value != null) {
                and(column + " >= ?");
                values.add(TracingTables.toUtc(value));
            }
            return this;
        }

        Where before(String column, Instant value) {
            if (value != null) {
                and(column + " < ?");
                values.add(TracingTables.toUtc(value));
            }
            return this;
        }

        private void and(String condition) {
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
        }

        String sql() {
            return sql.toString();
        }

        /** @return the index of the next parameter */
        int bind(PreparedStatement statement) throws SQLException {
            int index = 1;
            for (Object value : values) {
                if (value instanceof String text) {
                    statement.setString(index++, text);
                } else if (value instanceof Integer number) {
                    statement.setInt(index++, number);
                } else if (value instanceof Boolean flag) {
                    statement.setBoolean(index++, flag);
                } else {
                    statement.setObject(index++, value);
                }
            }
            return index;
        }
    }
}
