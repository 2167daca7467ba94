package io.cronshard.tracing;

/** Reading the tracing tables failed: the database refused or could not be reached. The cause tells why. */
public class TracingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done
     * @param cause the database's error
     */
    public TracingException(String message, Throwable cause) {
        super(message, cause);
    }
}
