package io.cronshard.executor;

import io.cronshard.spi.TypedSPI;

/**
 * Decides what a failure of a job's body does. Built-in types: {@code LOG} (default: logs at
 * ERROR), {@code THROW} (logs and rethrows to the caller of a one-off or manual run; on a cron fire
 * the item is recorded as failed), {@code IGNORE} (nothing). Called once per failed item, on the
 * thread that ran it, whatever the number of items in the fire.
 */
public interface JobErrorHandler extends TypedSPI {

    /**
     * @param jobName the job
     * @param shardingItem the failed item
     * @param cause what the job's body threw
     */
    void handleException(String jobName, int shardingItem, Throwable cause);
}
