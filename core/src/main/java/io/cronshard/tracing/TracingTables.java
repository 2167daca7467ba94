package io.cronshard.tracing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The two tracing tables: their portable DDL (standard types only, so it runs unchanged on H2 and
 * PostgreSQL), creating them when missing, the inserts, and the column sizes values are cut to.
 * Every value goes through a {@link PreparedStatement} parameter. Timestamps are stored as UTC
 * {@code TIMESTAMP} (without time zone) values.
 */
final class TracingTables {

    /** Executions of items. */
    public static final String EXECUTION_LOG = "JOB_EXECUTION_LOG";
    /** States of fires. */
    public static final String STATUS_TRACE_LOG = "JOB_STATUS_TRACE_LOG";

    /** Longest id (a UUID). */
    public static final int ID_LENGTH = 40;
    /** Longest job name stored; longer ones are cut. */
    public static final int JOB_NAME_LENGTH = 255;
    /** Longest task id stored; longer ones lose their middle (the item list). */
    public static final int TASK_ID_LENGTH = 1000;
    /** Longest host name stored. */
    public static final int HOSTNAME_LENGTH = 255;
    /** Longest ip stored (an IPv6 address with a zone fits). */
    public static final int IP_LENGTH = 64;
    /** Longest instance id stored. */
    public static final int INSTANCE_ID_LENGTH = 255;
    /** Longest execution source or state. */
    public static final int NAME_LENGTH = 20;
    /** Longest failure cause (a stack trace) stored. */
    public static final int FAILURE_CAUSE_LENGTH = 4000;
    /** Longest item list stored. */
    public static final int ITEMS_LENGTH = 4000;
    /** Longest message stored. */
    public static final int MESSAGE_LENGTH = 4000;

    static final String CREATE_EXECUTION_LOG = "CREATE TABLE " + EXECUTION_LOG + " ("
            + "id VARCHAR(" + ID_LENGTH + ") NOT NULL, "
            + "job_name VARCHAR(" + JOB_NAME_LENGTH + ") NOT NULL, "
            + "task_id VARCHAR(" + TASK_ID_LENGTH + ") NOT NULL, "
            + "hostname VARCHAR(" + HOSTNAME_LENGTH + ") NOT NULL, "
            + "ip VARCHAR(" + IP_LENGTH + ") NOT NULL, "
            + "instance_id VARCHAR(" + INSTANCE_ID_LENGTH + ") NOT NULL, "
            + "sharding_item INTEGER NOT NULL, "
            + "execution_source VARCHAR(" + NAME_LENGTH + ") NOT NULL, "
            + "failure_cause VARCHAR(" + FAILURE_CAUSE_LENGTH + "), "
            + "is_success BOOLEAN NOT NULL, "
            + "start_time TIMESTAMP NOT NULL, "
            + "complete_time TIMESTAMP NOT NULL, "
            + "try_number INTEGER DEFAULT 1 NOT NULL, "
            + "PRIMARY KEY (id))";

    /** Added in 0.2 (item retries): tables created before get it at the first start. */
    static final String ADD_TRY_NUMBER = "ALTER TABLE " + EXECUTION_LOG + " ADD try_number INTEGER DEFAULT 1 NOT NULL";

    static final List<String> EXECUTION_LOG_INDEXES = List.of(
            "CREATE INDEX " + EXECUTION_LOG + "_JOB_TIME ON " + EXECUTION_LOG + " (job_name, start_time)",
            "CREATE INDEX " + EXECUTION_LOG + "_TIME ON " + EXECUTION_LOG + " (start_time)");

    static final String CREATE_STATUS_TRACE_LOG = "CREATE TABLE " + STATUS_TRACE_LOG + " ("
            + "id VARCHAR(" + ID_LENGTH + ") NOT NULL, "
            + "job_name VARCHAR(" + JOB_NAME_LENGTH + ") NOT NULL, "
            + "original_task_id VARCHAR(" + TASK_ID_LENGTH + ") NOT NULL, "
            + "task_id VARCHAR(" + TASK_ID_LENGTH + ") NOT NULL, "
            + "instance_id VARCHAR(" + INSTANCE_ID_LENGTH + ") NOT NULL, "
            + "ip VARCHAR(" + IP_LENGTH + ") NOT NULL, "
            + "execution_source VARCHAR(" + NAME_LENGTH + ") NOT NULL, "
            + "sharding_item VARCHAR(" + ITEMS_LENGTH + ") NOT NULL, "
            + "state VARCHAR(" + NAME_LENGTH + ") NOT NULL, "
            + "message VARCHAR(" + MESSAGE_LENGTH + "), "
            + "creation_time TIMESTAMP NOT NULL, "
            + "PRIMARY KEY (id))";

    static final List<String> STATUS_TRACE_LOG_INDEXES = List.of(
            "CREATE INDEX " + STATUS_TRACE_LOG + "_JOB_TIME ON " + STATUS_TRACE_LOG + " (job_name, creation_time)",
            "CREATE INDEX " + STATUS_TRACE_LOG + "_TIME ON " + STATUS_TRACE_LOG + " (creation_time)",
            "CREATE INDEX " + STATUS_TRACE_LOG + "_TASK ON " + STATUS_TRACE_LOG + " (task_id)",
            "CREATE INDEX " + STATUS_TRACE_LOG + "_ORIGINAL_TASK ON " + STATUS_TRACE_LOG + " (original_task_id)");

    static final String INSERT_EXECUTION = "INSERT INTO " + EXECUTION_LOG
            + " (id, job_name, task_id, hostname, ip, instance_id, sharding_item, execution_source, failure_cause, is_success,"
            + " start_time, complete_time, try_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_STATUS = "INSERT INTO " + STATUS_TRACE_LOG
            + " (id, job_name, original_task_id, task_id, instance_id, ip, execution_source, sharding_item, state, message,"
            + " creation_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private TracingTables() {
    }

    /**
     * Creates the tables (and their indexes) that are missing. Another instance creating them at
     * the same time is fine.
     *
     * @param connection an open connection
     * @throws SQLException when a missing table cannot be created
     */
    public static void ensure(Connection connection) throws SQLException {
        create(connection, EXECUTION_LOG, CREATE_EXECUTION_LOG, EXECUTION_LOG_INDEXES);
        create(connection, STATUS_TRACE_LOG, CREATE_STATUS_TRACE_LOG, STATUS_TRACE_LOG_INDEXES);
        addTryNumber(connection);
    }

    /** A table created by an earlier version lacks {@code try_number}: added, with 1 for the rows already there. */
    private static void addTryNumber(Connection connection) throws SQLException {
        if (hasColumn(connection, EXECUTION_LOG, "try_number")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ADD_TRY_NUMBER);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException ex) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (!hasColumn(connection, EXECUTION_LOG, "try_number")) {
                throw ex;
            }
            // another instance added it meanwhile
        }
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String tableName = identifier(meta, table);
        String escape = meta.getSearchStringEscape();
        try (ResultSet columns = meta.getColumns(connection.getCatalog(), pattern(currentSchema(connection), escape),
                pattern(tableName, escape), pattern(identifier(meta, column), escape))) {
            return columns.next();
        }
    }

    private static String identifier(DatabaseMetaData meta, String name) throws SQLException {
        return meta.storesLowerCaseIdentifiers() ? name.toLowerCase(Locale.ROOT)
                : meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    private static void create(Connection connection, String table, String ddl, List<String> indexes) throws SQLException {
        if (exists(connection, table)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            for (String index : indexes) {
                statement.execute(index);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException ex) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (!exists(connection, table)) {
                throw ex;
            }
            // another instance created it meanwhile
        }
    }

    /**
     * @param connection an open connection
     * @param table a table name as written unquoted in SQL
     * @return whether the table exists in the connection's current schema
     * @throws SQLException when the metadata cannot be read
     */
    static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT)
                : meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        String schema = currentSchema(connection);
        String escape = meta.getSearchStringEscape();
        try (ResultSet tables = meta.getTables(connection.getCatalog(), pattern(schema, escape), pattern(name, escape), null)) {
            return tables.next();
        }
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException ex) {
            return null;
        }
    }

    private static String pattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /**
     * @param millis epoch milliseconds
     * @return the UTC date-time stored in a {@code TIMESTAMP} column
     */
    public static LocalDateTime toUtc(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /**
     * @param instant an instant
     * @return the UTC date-time stored in a {@code TIMESTAMP} column
     */
    public static LocalDateTime toUtc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * @param stored a value read from a {@code TIMESTAMP} column
     * @return the instant it stands for, null for null
     */
    public static Instant fromUtc(LocalDateTime stored) {
        return stored == null ? null : stored.toInstant(ZoneOffset.UTC);
    }

    /**
     * @param text a value
     * @param max the column's length
     * @return the value cut to at most {@code max} characters, never inside a surrogate pair; null stays null
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * @param text a value whose both ends matter (a task id: job name first, random suffix last)
     * @param max the column's length
     * @return the value with its middle replaced by "..." when longer than {@code max}
     */
    public static String cutMiddle(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int head = (max - 3) / 2;
        int tail = max - 3 - head;
        int tailStart = text.length() - tail;
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return cut(text, head) + "..." + text.substring(tailStart);
    }

    /**
     * @param failure a throwable
     * @return its stack trace, at most {@link #FAILURE_CAUSE_LENGTH} characters: when longer, its
     *         beginning and, if the root cause was cut off, the root cause's first lines
     */
    public static String failureCause(Throwable failure) {
        if (failure == null) {
            return null;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        String full = text.toString();
        if (full.length() <= FAILURE_CAUSE_LENGTH) {
            return full;
        }
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 50; depth++) {
            root = root.getCause();
        }
        StringBuilder tail = new StringBuilder();
        if (root != failure) {
            tail.append("Root cause: ").append(cut(String.valueOf(root), 600));
            StackTraceElement[] frames = root.getStackTrace();
            for (int i = 0; i < Math.min(3, frames.length); i++) {
                tail.append("\n\tat ").append(frames[i]);
            }
        }
        String tailText = cut(tail.toString(), 1000);
        String marker = "\n\t... (" + full.length() + " characters in all; cut)\n";
        String head = cut(full, FAILURE_CAUSE_LENGTH - marker.length() - tailText.length());
        return head + marker + tailText;
    }

    /**
     * @param items comma-separated items
     * @return them, cut after the last whole item that fits the column, with "..." after
     */
    static String items(String items) {
        if (items == null || items.length() <= ITEMS_LENGTH) {
            return items;
        }
        String cut = items.substring(0, ITEMS_LENGTH - 3);
        return cut.substring(0, Math.max(0, cut.lastIndexOf(',') + 1)) + "...";
    }

    static void bindExecution(PreparedStatement insert, JobExecutionRecord row, String hostname) throws SQLException {
        insert.setString(1, row.id());
        insert.setString(2, row.jobName());
        insert.setString(3, row.taskId());
        insert.setString(4, cut(hostname, HOSTNAME_LENGTH));
        insert.setString(5, row.ip());
        insert.setString(6, row.instanceId());
        insert.setInt(7, row.shardingItem());
        insert.setString(8, row.executionSource());
        insert.setString(9, row.failureCause());
        insert.setBoolean(10, row.success());
        insert.setObject(11, toUtc(row.startTime()));
        insert.setObject(12, toUtc(row.completeTime()));
        insert.setInt(13, row.tryNumber());
    }

    static void bindStatus(PreparedStatement insert, JobStatusTraceRecord row) throws SQLException {
        insert.setString(1, row.id());
        insert.setString(2, row.jobName());
        insert.setString(3, row.originalTaskId());
        insert.setString(4, row.taskId());
        insert.setString(5, row.instanceId());
        insert.setString(6, row.ip());
        insert.setString(7, row.executionSource());
        insert.setString(8, row.shardingItems());
        insert.setString(9, row.state());
        insert.setString(10, row.message());
        insert.setObject(11, toUtc(row.creationTime()));
    }
}
