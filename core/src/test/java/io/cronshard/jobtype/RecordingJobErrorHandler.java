package io.cronshard.jobtype;

import io.cronshard.executor.JobErrorHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An error handler found by type name ({@code RECORDING_BY_JOB}) in the tests: remembers every
 * failure with its cause by job name, so a test sees what the runtime handed to the job's error
 * handler. Job names must be unique across the tests that use it.
 */
public class RecordingJobErrorHandler implements JobErrorHandler {

    /** The handler's type name. */
    public static final String TYPE = "RECORDING_BY_JOB";

    private static final Map<String, List<Failure>> FAILURES = new ConcurrentHashMap<>();

    /** One failed item. */
    public record Failure(int item, Throwable cause) {
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        FAILURES.computeIfAbsent(jobName, key -> new CopyOnWriteArrayList<>()).add(new Failure(shardingItem, cause));
    }

    /**
     * @param jobName a job
     * @return its failures so far
     */
    public static List<Failure> failures(String jobName) {
        return List.copyOf(FAILURES.getOrDefault(jobName, List.of()));
    }
}
