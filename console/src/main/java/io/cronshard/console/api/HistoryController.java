package io.cronshard.console.api;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.cronshard.console.activity.JobActivityService;
import io.cronshard.console.tracing.ConsoleTracing;
import io.cronshard.tracing.ExecutionQuery;
import io.cronshard.tracing.JobExecutionRecord;
import io.cronshard.tracing.JobStatusTraceRecord;
import io.cronshard.tracing.Page;
import io.cronshard.tracing.StatusTraceQuery;
import io.cronshard.tracing.TracingException;
import io.cronshard.tracing.TracingQueryAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Execution history and status trace from the event-trace database ({@code cronshard.console.tracing.*}),
 * over {@link TracingQueryAPI}: filters, sort and paging as its queries take them. Read only (GET), so
 * open to every logged-in user; 503 when event tracing is not configured or the database fails.
 */
@RestController
@RequestMapping("/api/history")
public class HistoryController {

    static final String NOT_CONFIGURED = "Event tracing is not configured: set the database on the History page (admin) or cronshard.console.tracing.url";

    private static final Logger LOG = LoggerFactory.getLogger(HistoryController.class);

    private final ConsoleTracing tracing;
    private final JobActivityService activity;

    HistoryController(ConsoleTracing tracing, JobActivityService activity) {
        this.tracing = tracing;
        this.activity = activity;
    }

    @GetMapping
    Map<String, Object> status() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("configured", tracing.isConfigured());
        result.put("executionSortFields", ExecutionQuery.sortFields().stream().filter(each -> !each.contains("_")).sorted().toList());
        result.put("statusTraceSortFields", StatusTraceQuery.sortFields().stream().filter(each -> !each.contains("_")).sorted().toList());
        return result;
    }

    /**
     * The event-trace database: {@code {"configured", "url" (user and password removed), "passwordSet", "source",
     * "pool": {"active", "idle", "total", "max"}}}, to every logged-in user.
     */
    @GetMapping("/database")
    Map<String, Object> database() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("configured", tracing.isConfigured());
        result.put("url", tracing.url());
        result.put("passwordSet", tracing.passwordSet());
        result.put("source", tracing.source());
        result.put("pool", tracing.poolState());
        return result;
    }

    /** Sets the event-trace database after connecting to it once (ADMIN); remembered in the console's local file. */
    @PutMapping("/database")
    Map<String, Object> setDatabase(@RequestBody Map<String, Object> body) {
        String url = text(body, "url");
        String username = text(body, "username");
        String password = text(body, "password");
        String invalid = ConsoleTracing.check(url);
        if (invalid != null) {
            throw ApiException.invalid(Map.of("url", invalid));
        }
        try {
            tracing.set(url.trim(), username, password);
            activity.forget();
        } catch (SQLException | RuntimeException ex) {
            LOG.info("Connecting to the event-trace database {} failed: {}", ConsoleTracing.safeUrl(url), ex.toString());
            String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (password != null && !password.isEmpty()) {
                reason = reason.replace(password, "***");
            }
            throw ApiException.invalid(Map.of("url", "Cannot connect: " + ConsoleTracing.safeUrl(reason)));
        }
        return database();
    }

    /** No event-trace database from now on (ADMIN); remembered, so the properties' one does not come back at the next start. */
    @DeleteMapping("/database")
    ResponseEntity<Void> clearDatabase() {
        tracing.clear();
        activity.forget();
        return ResponseEntity.noContent().build();
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiException.invalid(Map.of(field, "Must be text"));
        }
        return (String) value;
    }

    @GetMapping("/executions")
    Map<String, Object> executions(@RequestParam Map<String, String> params) {
        requireConfigured();
        Errors errors = new Errors();
        ExecutionQuery.Builder builder = ExecutionQuery.newBuilder();
        errors.run("jobName", () -> builder.jobName(params.get("jobName")));
        errors.run("taskId", () -> builder.taskId(params.get("taskId")));
        errors.run("instanceId", () -> builder.instanceId(params.get("instanceId")));
        errors.run("ip", () -> builder.ip(params.get("ip")));
        errors.run("hostname", () -> builder.hostname(params.get("hostname")));
        errors.run("shardingItem", () -> builder.shardingItem(integer(params.get("shardingItem"), "an item number")));
        errors.run("executionSource", () -> builder.executionSource(blankToNull(params.get("executionSource"))));
        errors.run("success", () -> builder.success(bool(params.get("success"))));
        errors.run("from", () -> builder.startTimeFrom(instant(params.get("from"))));
        errors.run("to", () -> builder.startTimeTo(instant(params.get("to"))));
        paging(params, errors, "startTime", builder::sortBy, builder::page, builder::pageSize);
        errors.throwIfAny();
        ExecutionQuery query = build(builder::build);
        return page(api -> api.findExecutions(query), HistoryController::execution);
    }

    @GetMapping("/status-traces")
    Map<String, Object> statusTraces(@RequestParam Map<String, String> params) {
        requireConfigured();
        Errors errors = new Errors();
        StatusTraceQuery.Builder builder = StatusTraceQuery.newBuilder();
        errors.run("jobName", () -> builder.jobName(params.get("jobName")));
        errors.run("taskId", () -> builder.taskId(params.get("taskId")));
        errors.run("instanceId", () -> builder.instanceId(params.get("instanceId")));
        errors.run("ip", () -> builder.ip(params.get("ip")));
        errors.run("executionSource", () -> builder.executionSource(blankToNull(params.get("executionSource"))));
        errors.run("state", () -> builder.state(blankToNull(params.get("state"))));
        errors.run("from", () -> builder.creationTimeFrom(instant(params.get("from"))));
        errors.run("to", () -> builder.creationTimeTo(instant(params.get("to"))));
        paging(params, errors, "creationTime", builder::sortBy, builder::page, builder::pageSize);
        errors.throwIfAny();
        StatusTraceQuery query = build(builder::build);
        return page(api -> api.findStatusTraces(query), HistoryController::statusTrace);
    }

    private void requireConfigured() {
        if (!tracing.isConfigured()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED);
        }
    }

    private static void paging(Map<String, String> params, Errors errors, String defaultSort, SortSetter sort,
                               java.util.function.IntConsumer page, java.util.function.IntConsumer size) {
        String sortField = blankToNull(params.get("sort"));
        String order = blankToNull(params.get("order"));
        if (sortField != null || order != null) {
            errors.run("sort", () -> sort.sortBy(sortField == null ? defaultSort : sortField, order));
        }
        errors.run("page", () -> {
            Integer value = integer(params.get("page"), "a page number from 1");
            if (value != null) {
                page.accept(value);
            }
        });
        errors.run("size", () -> {
            Integer value = integer(params.get("size"), "a page size");
            if (value != null) {
                size.accept(value);
            }
        });
    }

    private static <Q> Q build(java.util.function.Supplier<Q> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException ex) {
            throw ApiException.invalid(Map.of("to", String.valueOf(ex.getMessage())));
        }
    }

    private <T> Map<String, Object> page(Function<TracingQueryAPI, Page<T>> read, Function<T, Map<String, Object>> row) {
        Page<T> page;
        try {
            page = tracing.read(database -> read.apply(database.queryAPI()));
        } catch (ConsoleTracing.NotConfiguredException ex) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED);
        } catch (TracingException | SQLException ex) {
            LOG.warn("Reading the event-trace database failed: {}", ex.getMessage());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Cannot read the event-trace database (see the console's log)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", page.items().stream().map(row).toList());
        result.put("total", page.total());
        result.put("page", page.page());
        result.put("size", page.pageSize());
        result.put("totalPages", page.totalPages());
        return result;
    }

    private static Map<String, Object> execution(JobExecutionRecord record) {
        Long durationMillis = record.startTime() == null || record.completeTime() == null ? null
                : record.completeTime().toEpochMilli() - record.startTime().toEpochMilli();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", record.id());
        result.put("jobName", record.jobName());
        result.put("taskId", record.taskId());
        result.put("hostname", record.hostname());
        result.put("ip", record.ip());
        result.put("instanceId", record.instanceId());
        result.put("shardingItem", record.shardingItem());
        result.put("executionSource", record.executionSource());
        result.put("success", record.success());
        result.put("failureCause", record.failureCause());
        result.put("startTime", text(record.startTime()));
        result.put("completeTime", text(record.completeTime()));
        result.put("durationMillis", durationMillis);
        return result;
    }

    private static Map<String, Object> statusTrace(JobStatusTraceRecord record) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", record.id());
        result.put("jobName", record.jobName());
        result.put("originalTaskId", record.originalTaskId());
        result.put("taskId", record.taskId());
        result.put("instanceId", record.instanceId());
        result.put("ip", record.ip());
        result.put("executionSource", record.executionSource());
        result.put("shardingItems", record.shardingItems());
        result.put("state", record.state());
        result.put("message", record.message());
        result.put("creationTime", text(record.creationTime()));
        return result;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer integer(String value, String what) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Expected " + what + ", got '" + text + "'");
        }
    }

    private static Boolean bool(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("Expected true or false, got '" + text + "'");
        };
    }

    /** An ISO-8601 instant with an offset ({@code 2024-05-01T10:00:00Z}, {@code …+02:00}) or epoch milliseconds. */
    private static Instant instant(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("Expected an ISO-8601 time with offset (e.g. 2024-05-01T10:00:00Z) or epoch milliseconds, got '"
                    + text + "'");
        }
    }

    @FunctionalInterface
    private interface SortSetter {
        void sortBy(String field, String order);
    }

    /** Collects one message per invalid parameter. */
    private static final class Errors {

        private final Map<String, String> fieldErrors = new LinkedHashMap<>();

        void run(String field, Runnable step) {
            try {
                step.run();
            } catch (IllegalArgumentException ex) {
                fieldErrors.put(field, String.valueOf(ex.getMessage()));
            }
        }

        void throwIfAny() {
            if (!fieldErrors.isEmpty()) {
                throw ApiException.invalid(fieldErrors);
            }
        }
    }

}
