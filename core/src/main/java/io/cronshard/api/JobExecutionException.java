package io.cronshard.api;

/**
 * A job body's failure carried out by the {@code THROW} error handler. On a cron fire there is no
 * caller to receive it: the runtime logs it at ERROR.
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
