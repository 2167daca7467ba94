package io.cronshard.executor;

import io.cronshard.spi.TypedSPI;

/**
 * Decides what a failure of a job's body does. Built-in types: {@code LOG} (default: logs at
 * ERROR), {@code THROW} (raises {@link io.cronshard.api.JobExecutionException}; a fire has no
 * caller, so the runtime logs it at ERROR), {@code IGNORE} (debug log only). Called once per
 * failed item, on the thread that ran it, whatever the number of items in the fire; an exception
 * it throws is logged at ERROR and never stops the runtime.
 */
public interface JobErrorHandler extends TypedSPI {

    /**
     * @param jobName the job
     * @param shardingItem the failed item
     * @param cause what the job's body threw
     */
    void handleException(String jobName, int shardingItem, Throwable cause);
}
