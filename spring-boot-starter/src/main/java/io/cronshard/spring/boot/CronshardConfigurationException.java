package io.cronshard.spring.boot;

/**
 * A Cronshard auto-configuration that cannot start: what is wrong and what to do, reported by
 * {@link CronshardFailureAnalyzer} in place of a stack trace.
 */
public class CronshardConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * @param description what is wrong
     * @param action what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public CronshardConfigurationException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** @return what to do about it */
    public String getAction() {
        return action;
    }
}
