package io.cronshard.internal.executor;

import io.cronshard.api.JobExecutionException;
import io.cronshard.executor.JobErrorHandler;

/** {@code THROW}: rethrows the failure as a {@link JobExecutionException}, for each failed item alike. */
public final class ThrowJobErrorHandler implements JobErrorHandler {

    @Override
    public String getType() {
        return "THROW";
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        throw new JobExecutionException("Job '" + jobName + "' item " + shardingItem + " failed", cause);
    }
}
