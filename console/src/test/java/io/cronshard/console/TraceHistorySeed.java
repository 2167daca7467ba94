package io.cronshard.console;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.cronshard.tracing.ExecutionQuery;
import io.cronshard.tracing.TracingQueryAPI;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Writes an hour of earlier history into an event-trace database, in the documented tables, as the jobs would have
 * traced it: one cron fire of every job every 20 seconds, its items' executions (item 1 of a "failing…" job throws)
 * and the fire's STAGING, RUNNING and FINISHED or ERROR states. So that the dashboard's charts a browser test (and
 * the documentation's screenshots) shows have an hour to show rather than the few seconds the test ran.
 */
final class TraceHistorySeed {

    private TraceHistorySeed() {
    }

    static void seed(String url, List<String> jobs, Instant until) throws SQLException {
        Random random = new Random(42);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            new TracingQueryAPI(new SingleConnectionDataSource(connection, true)).findExecutions(ExecutionQuery.newBuilder().pageSize(1).build());
            try (PreparedStatement execution = connection.prepareStatement("INSERT INTO JOB_EXECUTION_LOG (id, job_name, task_id, hostname, ip,"
                    + " instance_id, sharding_item, execution_source, failure_cause, is_success, start_time, complete_time)"
                    + " VALUES (?, ?, ?, 'seed-host', '192.0.2.10', ?, ?, 'NORMAL', ?, ?, ?, ?)");
                 PreparedStatement status = connection.prepareStatement("INSERT INTO JOB_STATUS_TRACE_LOG (id, job_name, original_task_id, task_id,"
                         + " instance_id, ip, execution_source, sharding_item, state, message, creation_time)"
                         + " VALUES (?, ?, ?, ?, ?, '192.0.2.10', 'NORMAL', '0,1', ?, ?, ?)")) {
                for (Instant fire = until.minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES); fire.isBefore(until);
                     fire = fire.plusSeconds(20)) {
                    for (String job : jobs) {
                        String instance = "192.0.2.10@-@4242";
                        String task = job + "@-@0,1@-@NORMAL@-@" + instance + "@-@" + Long.toHexString(random.nextLong());
                        Instant running = fire.plusMillis(4 + random.nextInt(job.contains("report") ? 60 : 20));
                        boolean failed = false;
                        Instant end = running;
                        for (int item = 0; item < 2; item++) {
                            long millis = 50 + random.nextInt(100) + (job.contains("report") ? 200 + random.nextInt(300) : 0);
                            boolean success = !(job.startsWith("failing") && item == 1);
                            failed |= !success;
                            Instant complete = running.plusMillis(millis);
                            end = complete.isAfter(end) ? complete : end;
                            execution.setString(1, UUID.randomUUID().toString());
                            execution.setString(2, job);
                            execution.setString(3, task);
                            execution.setString(4, instance);
                            execution.setInt(5, item);
                            execution.setString(6, success ? null : "java.lang.IllegalStateException: item 1 of " + job + " fails on purpose\n"
                                    + "\tat io.cronshard.console.ConsoleFixture.lambda$startJob$0(ConsoleFixture.java:140)\n"
                                    + "\tat io.cronshard.internal.executor.ItemRunner.run(ItemRunner.java:88)");
                            execution.setBoolean(7, success);
                            execution.setObject(8, utc(running));
                            execution.setObject(9, utc(complete));
                            execution.addBatch();
                        }
                        addStatus(status, job, task, instance, "STAGING", null, fire.plusMillis(2));
                        addStatus(status, job, task, instance, "RUNNING", null, running);
                        addStatus(status, job, task, instance, failed ? "ERROR" : "FINISHED", failed ? "Item 1 failed: java.lang.IllegalStateException" : null,
                                end);
                    }
                }
                execution.executeBatch();
                status.executeBatch();
            }
        }
    }

    private static void addStatus(PreparedStatement status, String job, String task, String instance, String state, String message, Instant time)
            throws SQLException {
        status.setString(1, UUID.randomUUID().toString());
        status.setString(2, job);
        status.setString(3, task);
        status.setString(4, task);
        status.setString(5, instance);
        status.setString(6, state);
        status.setString(7, message);
        status.setObject(8, utc(time));
        status.addBatch();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
