package io.cronshard.errors;

import io.cronshard.executor.JobErrorHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A custom error handler found by type name ({@code RECORDING}) in the tests. */
public class RecordingErrorHandler implements JobErrorHandler {

    static final List<String> FAILURES = new CopyOnWriteArrayList<>();

    @Override
    public String getType() {
        return "RECORDING";
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        FAILURES.add(jobName + "#" + shardingItem + ":" + cause.getMessage());
    }
}
