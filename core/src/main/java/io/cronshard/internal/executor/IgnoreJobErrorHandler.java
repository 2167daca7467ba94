package io.cronshard.internal.executor;

import io.cronshard.executor.JobErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code IGNORE}: the failure is dropped (logged at DEBUG only). */
public final class IgnoreJobErrorHandler implements JobErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IgnoreJobErrorHandler.class);

    @Override
    public String getType() {
        return "IGNORE";
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        LOG.debug("Job '{}' item {} failed (ignored)", jobName, shardingItem, cause);
    }
}
