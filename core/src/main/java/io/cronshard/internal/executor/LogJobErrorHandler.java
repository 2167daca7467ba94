package io.cronshard.internal.executor;

import io.cronshard.executor.JobErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code LOG}, the default: logs the failure at ERROR. */
public final class LogJobErrorHandler implements JobErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LogJobErrorHandler.class);

    @Override
    public String getType() {
        return "LOG";
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        LOG.error("Job '{}' item {} failed", jobName, shardingItem, cause);
    }
}
