package io.cronshard.api;

/**
 * A job item's failure: raised by the {@code THROW} error handler around the body's exception, and
 * by the {@code SCRIPT} and {@code HTTP} job types for a non-zero exit or a non-2xx answer. A fire
 * has no caller to receive it: the job's error handler gets it.
 */
public class JobExecutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which job and item failed
     * @param cause what the body threw
     */
    public JobExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
