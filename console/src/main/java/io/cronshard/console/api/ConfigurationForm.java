package io.cronshard.console.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;

/**
 * A job configuration as JSON, and a partial update of one: each field is checked for its type,
 * then applied alone onto the stored configuration and validated by {@link JobConfiguration.Builder#build()},
 * so that every invalid field gets its own message (the builder itself stops at the first).
 */
final class ConfigurationForm {

    private static final Pattern FIELD = Pattern.compile("^Invalid '([^']+)'");

    /** The fields, in the order the page shows them. */
    static final List<String> FIELDS = List.of("jobName", "shardingTotalCount", "cron", "timeZone", "shardingItemParameters",
            "jobParameter", "description", "monitorExecution", "failover", "misfire", "disabled", "overwrite", "maxTimeDiffSeconds",
            "reconcileIntervalMinutes", "itemRetries", "itemRetryBackoffMillis", "itemTimeoutMillis", "keepCheckpointOnSuccess",
            "jobShardingStrategyType", "jobExecutorServiceHandlerType", "jobErrorHandlerType", "jobListenerTypes", "props");

    private ConfigurationForm() {
    }

    static Map<String, Object> toJson(JobConfiguration config) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jobName", config.getJobName());
        result.put("shardingTotalCount", config.getShardingTotalCount());
        result.put("cron", config.getCron());
        result.put("timeZone", config.getTimeZone());
        result.put("shardingItemParameters", config.getShardingItemParameters());
        result.put("jobParameter", config.getJobParameter());
        result.put("description", config.getDescription());
        result.put("monitorExecution", config.isMonitorExecution());
        result.put("failover", config.isFailover());
        result.put("misfire", config.isMisfire());
        result.put("disabled", config.isDisabled());
        result.put("overwrite", config.isOverwrite());
        result.put("maxTimeDiffSeconds", config.getMaxTimeDiffSeconds());
        result.put("reconcileIntervalMinutes", config.getReconcileIntervalMinutes());
        result.put("itemRetries", config.getItemRetries());
        result.put("itemRetryBackoffMillis", config.getItemRetryBackoffMillis());
        result.put("itemTimeoutMillis", config.getItemTimeoutMillis());
        result.put("keepCheckpointOnSuccess", config.isKeepCheckpointOnSuccess());
        result.put("jobShardingStrategyType", config.getJobShardingStrategyType());
        result.put("jobExecutorServiceHandlerType", config.getJobExecutorServiceHandlerType());
        result.put("jobErrorHandlerType", config.getJobErrorHandlerType());
        result.put("jobListenerTypes", config.getJobListenerTypes());
        result.put("props", config.getProps());
        return result;
    }

    /**
     * @param current the stored configuration
     * @param changes the fields to change (absent fields keep their value)
     * @return the new configuration
     * @throws ApiException 400 with a message per invalid field
     */
    static JobConfiguration apply(JobConfiguration current, Map<String, Object> changes) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<BiConsumer<JobConfiguration.Builder, Void>> setters = new ArrayList<>();
        List<String> setterFields = new ArrayList<>();
        for (Map.Entry<String, Object> each : changes.entrySet()) {
            String field = each.getKey();
            Object value = each.getValue();
            try {
                BiConsumer<JobConfiguration.Builder, Void> setter = setter(current, field, value);
                if (setter != null) {
                    setters.add(setter);
                    setterFields.add(field);
                }
            } catch (IllegalArgumentException ex) {
                errors.put(field, ex.getMessage());
            }
        }
        for (int i = 0; i < setters.size(); i++) {
            try {
                JobConfiguration.Builder builder = current.toBuilder();
                setters.get(i).accept(builder, null);
                builder.build();
            } catch (JobConfigurationException ex) {
                errors.putIfAbsent(fieldOf(ex, setterFields.get(i)), ex.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        JobConfiguration.Builder builder = current.toBuilder();
        setters.forEach(each -> each.accept(builder, null));
        try {
            return builder.build();
        } catch (JobConfigurationException ex) {
            throw ApiException.invalid(Map.of(fieldOf(ex, "configuration"), ex.getMessage()));
        }
    }

    private static String fieldOf(JobConfigurationException ex, String fallback) {
        Matcher matcher = FIELD.matcher(String.valueOf(ex.getMessage()));
        return matcher.find() ? matcher.group(1) : fallback;
    }

    private static BiConsumer<JobConfiguration.Builder, Void> setter(JobConfiguration current, String field, Object value) {
        switch (field) {
            case "jobName":
                if (value != null && !current.getJobName().equals(value)) {
                    throw new IllegalArgumentException("The job name cannot be changed");
                }
                return null;
            case "shardingTotalCount": {
                int parsed = toInt(value);
                return (b, v) -> b.shardingTotalCount(parsed);
            }
            case "cron": {
                String parsed = toText(value);
                return (b, v) -> b.cron(parsed);
            }
            case "timeZone": {
                String parsed = blankToNull(toText(value));
                return (b, v) -> b.timeZone(parsed);
            }
            case "shardingItemParameters": {
                String parsed = nullToEmpty(toText(value));
                return (b, v) -> b.shardingItemParameters(parsed);
            }
            case "jobParameter": {
                String parsed = nullToEmpty(toText(value));
                return (b, v) -> b.jobParameter(parsed);
            }
            case "description": {
                String parsed = nullToEmpty(toText(value));
                return (b, v) -> b.description(parsed);
            }
            case "monitorExecution": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.monitorExecution(parsed);
            }
            case "failover": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.failover(parsed);
            }
            case "misfire": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.misfire(parsed);
            }
            case "disabled": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.disabled(parsed);
            }
            case "overwrite": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.overwrite(parsed);
            }
            case "maxTimeDiffSeconds": {
                int parsed = toInt(value);
                return (b, v) -> b.maxTimeDiffSeconds(parsed);
            }
            case "reconcileIntervalMinutes": {
                int parsed = toInt(value);
                return (b, v) -> b.reconcileIntervalMinutes(parsed);
            }
            case "itemRetries": {
                int parsed = toInt(value);
                return (b, v) -> b.itemRetries(parsed);
            }
            case "itemRetryBackoffMillis": {
                long parsed = toLong(value);
                return (b, v) -> b.itemRetryBackoffMillis(parsed);
            }
            case "itemTimeoutMillis": {
                long parsed = toLong(value);
                return (b, v) -> b.itemTimeoutMillis(parsed);
            }
            case "keepCheckpointOnSuccess": {
                boolean parsed = toBoolean(value);
                return (b, v) -> b.keepCheckpointOnSuccess(parsed);
            }
            case "jobShardingStrategyType": {
                String parsed = toText(value);
                return (b, v) -> b.jobShardingStrategyType(parsed);
            }
            case "jobExecutorServiceHandlerType": {
                String parsed = toText(value);
                return (b, v) -> b.jobExecutorServiceHandlerType(parsed);
            }
            case "jobErrorHandlerType": {
                String parsed = toText(value);
                return (b, v) -> b.jobErrorHandlerType(parsed);
            }
            case "jobListenerTypes": {
                String[] parsed = toList(value);
                return (b, v) -> b.jobListenerTypes(parsed);
            }
            case "props": {
                Map<String, String> parsed = toMap(value);
                Map<String, String> old = current.getProps();
                return (b, v) -> {
                    old.keySet().forEach(key -> b.setProperty(key, null));
                    parsed.forEach(b::setProperty);
                };
            }
            default:
                throw new IllegalArgumentException("Unknown field");
        }
    }

    private static int toInt(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException ex) {
                // falls through
            }
        }
        throw new IllegalArgumentException("Must be a whole number");
    }

    private static long toLong(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) < 0x1p63) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException ex) {
                // falls through
            }
        }
        throw new IllegalArgumentException("Must be a whole number");
    }

    private static boolean toBoolean(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new IllegalArgumentException("Must be true or false");
    }

    private static String toText(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("Must be text");
    }

    private static String[] toList(Object value) {
        if (value == null) {
            return new String[0];
        }
        if (value instanceof String text) {
            return text.isBlank() ? new String[0] : java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
        }
        if (value instanceof Collection<?> items && items.stream().allMatch(String.class::isInstance)) {
            return items.stream().map(String.class::cast).toArray(String[]::new);
        }
        throw new IllegalArgumentException("Must be a list of type names");
    }

    private static Map<String, String> toMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> each : map.entrySet()) {
                if (!(each.getKey() instanceof String key) || !(each.getValue() == null || each.getValue() instanceof String)) {
                    throw new IllegalArgumentException("Must be an object of text values");
                }
                result.put(key, (String) each.getValue());
            }
            return result;
        }
        throw new IllegalArgumentException("Must be an object of text values");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
