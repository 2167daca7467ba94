package io.cronshard.tracing;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks shared by {@link ExecutionQuery} and {@link StatusTraceQuery}. */
final class QuerySupport {

    static final Set<String> SOURCES = Set.of("NORMAL", "MISFIRE", "FAILOVER", "MANUAL");
    static final Set<String> STATES = Set.of("STAGING", "RUNNING", "FINISHED", "ERROR");

    private QuerySupport() {
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String oneOf(String field, String value, Set<String> allowed) {
        String result = blankToNull(value);
        if (result == null) {
            return null;
        }
        result = result.toUpperCase(Locale.ROOT);
        if (!allowed.contains(result)) {
            throw new IllegalArgumentException(field + " must be one of " + new TreeSet<>(allowed) + ", got '" + value + "'");
        }
        return result;
    }

    /** @return the column to sort by: only ever a value of {@code columns}, never the caller's text */
    static String sortColumn(String field, Map<String, String> columns) {
        String key = blankToNull(field);
        String column = key == null ? null : columns.get(key);
        if (column == null) {
            throw new IllegalArgumentException("Cannot sort by '" + field + "': sortable fields are " + new TreeSet<>(columns.keySet()));
        }
        return column;
    }

    static boolean ascending(String order) {
        String value = blankToNull(order);
        if (value == null || "DESC".equalsIgnoreCase(value)) {
            return false;
        }
        if ("ASC".equalsIgnoreCase(value)) {
            return true;
        }
        throw new IllegalArgumentException("Sort order must be ASC or DESC, got '" + order + "'");
    }

    static int page(int page) {
        if (page < 1) {
            throw new IllegalArgumentException("page counts from 1, got " + page);
        }
        return page;
    }

    static int pageSize(int pageSize, int max) {
        if (pageSize < 1 || pageSize > max) {
            throw new IllegalArgumentException("pageSize must be 1 to " + max + ", got " + pageSize);
        }
        return pageSize;
    }

    static void range(String field, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException(field + ": the start of the range (" + from + ") is after its end (" + to + ")");
        }
    }
}
