package io.cronshard.testsupport.spi;

import io.cronshard.executor.JobErrorHandler;
import org.slf4j.LoggerFactory;

/**
 * TEST-ONLY stand-in for the built-in {@code LOG} error handler, so that default configurations
 * validate before the real implementation is merged. DELETE this class and its
 * {@code META-INF/services} entry when the real built-in handlers are merged.
 */
public final class StubLogErrorHandler implements JobErrorHandler {

    @Override
    public String getType() {
        return "LOG";
    }

    @Override
    public void handleException(String jobName, int shardingItem, Throwable cause) {
        LoggerFactory.getLogger(StubLogErrorHandler.class).error("Job '{}' item {} failed", jobName, shardingItem, cause);
    }
}
