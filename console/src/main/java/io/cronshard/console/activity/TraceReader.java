package io.cronshard.console.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The few aggregate reads the activity columns and the dashboard need from the event-trace tables
 * ({@code JOB_EXECUTION_LOG}, {@code JOB_STATUS_TRACE_LOG}, as documented in docs/tracing.md), in portable SQL:
 * every value a bound parameter, every read bounded (a time window and a row cap using the jobs' indexes
 * {@code (job_name, start_time)} / {@code (job_name, creation_time)}), times as the UTC {@code TIMESTAMP}s the
 * tables hold. One connection per call, from the console's pool.
 */
final class TraceReader {

    /** One item execution, as the activity needs it. */
    record Run(String jobName, int item, boolean success, Instant start, Instant complete, String source, String instanceId,
               String failureCause) {

        long durationMillis() {
            return Math.max(0, complete.toEpochMilli() - start.toEpochMilli());
        }
    }

    /** Executions and failures of one job in one time bucket. */
    record Bucket(String jobName, int index, long executions, long failures) {
    }

    /** The STAGING and RUNNING times of one cron fire on one instance. */
    record Fire(Instant staging, Instant running) {
    }

    private final DataSource dataSource;

    TraceReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param job a job
     * @param since the earliest start time read
     * @param limit most rows
     * @param withFailureCause whether to read the stack traces too
     * @return its latest executions, newest first
     */
    List<Run> latestRuns(String job, Instant since, int limit, boolean withFailureCause) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String sql = "SELECT job_name, sharding_item, is_success, start_time, complete_time, execution_source, instance_id"
                    + (withFailureCause ? ", failure_cause" : "") + " FROM JOB_EXECUTION_LOG WHERE job_name = ? AND start_time >= ?"
                    + " ORDER BY start_time DESC" + limit(connection, limit);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, job);
                statement.setObject(2, utc(since));
                statement.setMaxRows(limit);
                List<Run> result = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        result.add(new Run(row.getString(1), row.getInt(2), row.getBoolean(3), instant(row, 4), instant(row, 5), row.getString(6),
                                row.getString(7), withFailureCause ? row.getString(8) : null));
                    }
                }
                return result;
            }
        }
    }

    /**
     * @param job a job
     * @param since from (inclusive)
     * @return {@code [executions, failures]} since then
     */
    long[] counts(String job, Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT is_success, COUNT(*) FROM JOB_EXECUTION_LOG WHERE job_name = ? AND start_time >= ? GROUP BY is_success")) {
            statement.setString(1, job);
            statement.setObject(2, utc(since));
            long[] result = new long[2];
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long count = row.getLong(2);
                    result[0] += count;
                    if (!row.getBoolean(1)) {
                        result[1] += count;
                    }
                }
            }
            return result;
        }
    }

    /**
     * Executions and failures per job and time bucket: bucket {@code i} holds the starts in
     * {@code [bounds[i], bounds[i + 1])}.
     *
     * @param jobs the jobs
     * @param bounds the buckets' bounds, ascending (one more than the buckets)
     * @return the non-empty buckets
     */
    List<Bucket> buckets(Collection<String> jobs, List<Instant> bounds) throws SQLException {
        if (jobs.isEmpty() || bounds.size() < 2) {
            return List.of();
        }
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 1; i < bounds.size() - 1; i++) {
            bucket.append(" WHEN start_time < ? THEN ").append(i - 1);
        }
        bucket.append(" ELSE ").append(bounds.size() - 2).append(" END");
        String in = String.join(", ", java.util.Collections.nCopies(jobs.size(), "?"));
        String sql = "SELECT job_name, bucket, is_success, COUNT(*) FROM (SELECT job_name, is_success, " + bucket + " AS bucket"
                + " FROM JOB_EXECUTION_LOG WHERE job_name IN (" + in + ") AND start_time >= ? AND start_time < ?) t"
                + " GROUP BY job_name, bucket, is_success";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (int i = 1; i < bounds.size() - 1; i++) {
                statement.setObject(index++, utc(bounds.get(i)));
            }
            for (String each : jobs) {
                statement.setString(index++, each);
            }
            statement.setObject(index++, utc(bounds.get(0)));
            statement.setObject(index, utc(bounds.get(bounds.size() - 1)));
            Map<String, long[]> counts = new LinkedHashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long[] count = counts.computeIfAbsent(row.getString(1) + '\u0000' + row.getInt(2), key -> new long[2]);
                    count[0] += row.getLong(4);
                    if (!row.getBoolean(3)) {
                        count[1] += row.getLong(4);
                    }
                }
            }
            List<Bucket> result = new ArrayList<>();
            counts.forEach((key, count) -> {
                int at = key.indexOf('\u0000');
                result.add(new Bucket(key.substring(0, at), Integer.parseInt(key.substring(at + 1)), count[0], count[1]));
            });
            return result;
        }
    }

    /**
     * @param job a job
     * @param since from (inclusive)
     * @param limit most status rows read
     * @return the job's latest cron fires (source NORMAL) that reached RUNNING, newest first
     */
    List<Fire> cronFires(String job, Instant since, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String sql = "SELECT original_task_id, state, creation_time FROM JOB_STATUS_TRACE_LOG WHERE job_name = ? AND creation_time >= ?"
                    + " AND execution_source = 'NORMAL' AND state IN ('STAGING', 'RUNNING') ORDER BY creation_time DESC" + limit(connection, limit);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, job);
                statement.setObject(2, utc(since));
                statement.setMaxRows(limit);
                Map<String, Instant[]> fires = new LinkedHashMap<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        Instant[] times = fires.computeIfAbsent(row.getString(1), key -> new Instant[2]);
                        times["RUNNING".equals(row.getString(2)) ? 1 : 0] = instant(row, 3);
                    }
                }
                List<Fire> result = new ArrayList<>();
                fires.values().stream().filter(each -> each[0] != null && each[1] != null).forEach(each -> result.add(new Fire(each[0], each[1])));
                return result;
            }
        }
    }


    /** MySQL, MariaDB and SQLite know only LIMIT; H2, PostgreSQL and the standard know FETCH FIRST. */
    private static String limit(Connection connection, int rows) throws SQLException {
        String product = String.valueOf(connection.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
        boolean limitSyntax = product.contains("mysql") || product.contains("mariadb") || product.contains("sqlite");
        return limitSyntax ? " LIMIT " + rows : " FETCH FIRST " + rows + " ROWS ONLY";
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
