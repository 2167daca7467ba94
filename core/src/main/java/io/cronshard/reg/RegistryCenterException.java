package io.cronshard.reg;

/**
 * A failure of the registry center (ZooKeeper) that Cronshard could not ride out: it could not
 * connect at start-up, or an operation failed after its retries.
 */
public class RegistryCenterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the servers where it helps
     * @param cause the underlying error
     */
    public RegistryCenterException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed
     */
    public RegistryCenterException(String message) {
        super(message);
    }
}
