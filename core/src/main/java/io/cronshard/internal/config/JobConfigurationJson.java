package io.cronshard.internal.config;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored form of a {@link JobConfiguration}: the JSON kept in ZooKeeper at
 * {@code /{namespace}/{jobName}/config}, read by every instance of the job, the operations API and
 * operators.
 *
 * <p>Field names are the builder's: {@code jobName}, {@code shardingTotalCount}, {@code cron},
 * {@code timeZone}, {@code shardingItemParameters}, {@code jobParameter}, {@code monitorExecution},
 * {@code failover}, {@code misfire}, {@code maxTimeDiffSeconds}, {@code reconcileIntervalMinutes},
 * {@code jobShardingStrategyType}, {@code jobExecutorServiceHandlerType}, {@code jobErrorHandlerType},
 * {@code jobListenerTypes} (array of strings), {@code description}, {@code props} (object of string
 * values), {@code disabled}, {@code overwrite}, {@code itemRetries}, {@code itemRetryBackoffMillis},
 * {@code itemTimeoutMillis} and {@code keepCheckpointOnSuccess}. Absent values (no cron, the JVM's time zone) are
 * left out.
 *
 * <p>Reading is strict about what is there and lenient about what is not: every field other than
 * {@code jobName} and {@code shardingTotalCount} may be missing and then takes the
 * {@link JobConfiguration.Builder builder's} default, so the defaults exist in one place only;
 * fields this version does not know are ignored, so an older instance can read what a newer one
 * wrote. A value of the wrong JSON type is refused rather than coerced ({@code "yes"} is not a
 * boolean, {@code 2.5} is not an item count), and the result is validated exactly like
 * {@link JobConfiguration.Builder#build()}. Every refusal is a {@link JobConfigurationException}
 * naming the job and the field.
 */
public final class JobConfigurationJson {

    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(String.class, new StrictJsonTypes.StrictStringAdapter().nullSafe())
            .registerTypeAdapter(Integer.class, new StrictJsonTypes.StrictIntegerAdapter().nullSafe())
            .registerTypeAdapter(Long.class, new StrictJsonTypes.StrictLongAdapter().nullSafe())
            .registerTypeAdapter(Boolean.class, new StrictJsonTypes.StrictBooleanAdapter().nullSafe())
            .registerTypeAdapter(TypeToken.getParameterized(List.class, String.class).getType(), new StrictJsonTypes.StringListAdapter().nullSafe())
            .registerTypeAdapter(TypeToken.getParameterized(Map.class, String.class, String.class).getType(),
                    new StrictJsonTypes.StringMapAdapter().nullSafe())
            .create();

    private JobConfigurationJson() {
    }

    /**
     * @param config a valid configuration
     * @return its stored JSON form, one line, without absent values
     */
    public static String toJson(JobConfiguration config) {
        Objects.requireNonNull(config, "config");
        StoredJobConfiguration stored = new StoredJobConfiguration();
        stored.jobName = config.getJobName();
        stored.shardingTotalCount = config.getShardingTotalCount();
        stored.cron = config.getCron();
        stored.timeZone = config.getTimeZone();
        stored.shardingItemParameters = config.getShardingItemParameters();
        stored.jobParameter = config.getJobParameter();
        stored.monitorExecution = config.isMonitorExecution();
        stored.failover = config.isFailover();
        stored.misfire = config.isMisfire();
        stored.maxTimeDiffSeconds = config.getMaxTimeDiffSeconds();
        stored.reconcileIntervalMinutes = config.getReconcileIntervalMinutes();
        stored.jobShardingStrategyType = config.getJobShardingStrategyType();
        stored.jobExecutorServiceHandlerType = config.getJobExecutorServiceHandlerType();
        stored.jobErrorHandlerType = config.getJobErrorHandlerType();
        stored.jobListenerTypes = new ArrayList<>(config.getJobListenerTypes());
        stored.description = config.getDescription();
        stored.props = new LinkedHashMap<>(config.getProps());
        stored.disabled = config.isDisabled();
        stored.overwrite = config.isOverwrite();
        stored.itemRetries = config.getItemRetries();
        stored.itemRetryBackoffMillis = config.getItemRetryBackoffMillis();
        stored.itemTimeoutMillis = config.getItemTimeoutMillis();
        stored.keepCheckpointOnSuccess = config.isKeepCheckpointOnSuccess();
        return GSON.toJson(stored);
    }

    /**
     * Reads a stored configuration; error messages name the job found in the JSON, when there is one.
     *
     * @param json the stored JSON
     * @return the validated configuration; missing fields hold the builder's defaults
     * @throws JobConfigurationException when the JSON is malformed, lacks {@code jobName} or
     *                                   {@code shardingTotalCount}, holds a value of the wrong type or
     *                                   fails the builder's validation
     */
    public static JobConfiguration fromJson(String json) {
        return parse(null, json);
    }

    /**
     * Reads the configuration stored for a known job, e.g. from {@code /{namespace}/{jobName}/config}:
     * error messages name that job even when the JSON is unreadable, and a stored {@code jobName}
     * other than {@code jobName} is refused.
     *
     * @param jobName the job whose node held the JSON
     * @param json the stored JSON
     * @return the validated configuration; missing fields hold the builder's defaults
     * @throws JobConfigurationException as {@link #fromJson(String)}, and when the stored job name differs
     */
    public static JobConfiguration fromJson(String jobName, String json) {
        return parse(Objects.requireNonNull(jobName, "jobName"), json);
    }

    private static JobConfiguration parse(String expectedJobName, String json) {
        String subject = expectedJobName == null ? "Stored job configuration" : subject(expectedJobName);
        if (json == null || json.isBlank()) {
            throw new JobConfigurationException(subject
                    + " is empty; expected a JSON object with at least 'jobName' and 'shardingTotalCount'");
        }
        JsonElement tree = parseTree(json, subject);
        if (!tree.isJsonObject()) {
            throw new JobConfigurationException(subject + " is not a JSON object: " + abbreviate(json));
        }
        if (expectedJobName == null) {
            JsonElement name = tree.getAsJsonObject().get("jobName");
            if (name instanceof JsonPrimitive && ((JsonPrimitive) name).isString()) {
                subject = subject(name.getAsString());
            }
        }
        StoredJobConfiguration stored;
        try {
            stored = GSON.fromJson(tree, StoredJobConfiguration.class);
        } catch (StrictJsonTypes.WrongTypeException ex) {
            throw new JobConfigurationException(subject + " is not valid: '" + ex.field + "' must be " + ex.expected
                    + ", got " + ex.actual, ex);
        } catch (JsonParseException ex) {
            throw new JobConfigurationException(subject + " is not valid: " + ex.getMessage(), ex);
        }
        if (stored.jobName == null) {
            throw new JobConfigurationException(subject + " is missing 'jobName'");
        }
        if (expectedJobName != null && !expectedJobName.equals(stored.jobName)) {
            throw new JobConfigurationException(subject + " names another job: 'jobName' is '" + stored.jobName + "'");
        }
        if (stored.shardingTotalCount == null) {
            throw new JobConfigurationException(subject + " is missing 'shardingTotalCount'");
        }
        try {
            return stored.toBuilder().build();
        } catch (JobConfigurationException ex) {
            throw new JobConfigurationException(subject + " is not valid: " + ex.getMessage(), ex);
        }
    }

    private static JsonElement parseTree(String json, String subject) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            JsonElement result = readElement(reader);
            // in strict mode, peeking past the first value fails on anything but white space
            reader.peek();
            return result;
        } catch (IOException | IllegalStateException ex) {
            throw new JobConfigurationException(subject + " is not valid JSON: " + reason(ex) + "; stored value: " + abbreviate(json), ex);
        }
    }

    /** Like Gson's JsonParser, but refuses a name given twice in one object instead of keeping the last. */
    private static JsonElement readElement(JsonReader in) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT:
                JsonObject object = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (object.has(name)) {
                        throw new MalformedJsonException("'" + name + "' is given more than once at path " + in.getPath());
                    }
                    object.add(name, readElement(in));
                }
                in.endObject();
                return object;
            case BEGIN_ARRAY:
                JsonArray array = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    array.add(readElement(in));
                }
                in.endArray();
                return array;
            case STRING:
                return new JsonPrimitive(in.nextString());
            case NUMBER:
                String path = in.getPath();
                String number = in.nextString();
                try {
                    return new JsonPrimitive(new BigDecimal(number));
                } catch (NumberFormatException ex) {
                    throw new MalformedJsonException("number " + number + " out of range at path " + path);
                }
            case BOOLEAN:
                return new JsonPrimitive(in.nextBoolean());
            case NULL:
                in.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new MalformedJsonException("unexpected " + in.peek() + " at path " + in.getPath());
        }
    }

    /** Gson's reason without its advice to parse leniently and its troubleshooting link. */
    private static String reason(Exception ex) {
        String message = String.valueOf(ex.getMessage());
        int newLine = message.indexOf('\n');
        if (newLine >= 0) {
            message = message.substring(0, newLine);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "unexpected character");
    }

    private static String subject(String jobName) {
        return "Stored configuration of job '" + jobName + "'";
    }

    private static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "...";
    }

    /**
     * The JSON shape. Boxed types so that a missing field stays null and the builder's default applies;
     * field order is the order written.
     */
    private static final class StoredJobConfiguration {

        private String jobName;
        private Integer shardingTotalCount;
        private String cron;
        private String timeZone;
        private String shardingItemParameters;
        private String jobParameter;
        private Boolean monitorExecution;
        private Boolean failover;
        private Boolean misfire;
        private Integer maxTimeDiffSeconds;
        private Integer reconcileIntervalMinutes;
        private String jobShardingStrategyType;
        private String jobExecutorServiceHandlerType;
        private String jobErrorHandlerType;
        private List<String> jobListenerTypes;
        private String description;
        private Map<String, String> props;
        private Boolean disabled;
        private Boolean overwrite;
        private Integer itemRetries;
        private Long itemRetryBackoffMillis;
        private Long itemTimeoutMillis;
        private Boolean keepCheckpointOnSuccess;

        JobConfiguration.Builder toBuilder() {
            JobConfiguration.Builder result = JobConfiguration.newBuilder(jobName, shardingTotalCount);
            if (cron != null) {
                result.cron(cron);
            }
            if (timeZone != null) {
                result.timeZone(timeZone);
            }
            if (shardingItemParameters != null) {
                result.shardingItemParameters(shardingItemParameters);
            }
            if (jobParameter != null) {
                result.jobParameter(jobParameter);
            }
            if (monitorExecution != null) {
                result.monitorExecution(monitorExecution);
            }
            if (failover != null) {
                result.failover(failover);
            }
            if (misfire != null) {
                result.misfire(misfire);
            }
            if (maxTimeDiffSeconds != null) {
                result.maxTimeDiffSeconds(maxTimeDiffSeconds);
            }
            if (reconcileIntervalMinutes != null) {
                result.reconcileIntervalMinutes(reconcileIntervalMinutes);
            }
            if (jobShardingStrategyType != null) {
                result.jobShardingStrategyType(jobShardingStrategyType);
            }
            if (jobExecutorServiceHandlerType != null) {
                result.jobExecutorServiceHandlerType(jobExecutorServiceHandlerType);
            }
            if (jobErrorHandlerType != null) {
                result.jobErrorHandlerType(jobErrorHandlerType);
            }
            if (jobListenerTypes != null) {
                result.jobListenerTypes(jobListenerTypes.toArray(new String[0]));
            }
            if (description != null) {
                result.description(description);
            }
            if (props != null) {
                props.forEach(result::setProperty);
            }
            if (disabled != null) {
                result.disabled(disabled);
            }
            if (overwrite != null) {
                result.overwrite(overwrite);
            }
            if (itemRetries != null) {
                result.itemRetries(itemRetries);
            }
            if (itemRetryBackoffMillis != null) {
                result.itemRetryBackoffMillis(itemRetryBackoffMillis);
            }
            if (itemTimeoutMillis != null) {
                result.itemTimeoutMillis(itemTimeoutMillis);
            }
            if (keepCheckpointOnSuccess != null) {
                result.keepCheckpointOnSuccess(keepCheckpointOnSuccess);
            }
            return result;
        }
    }
}
