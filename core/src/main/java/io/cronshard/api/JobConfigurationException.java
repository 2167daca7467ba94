package io.cronshard.api;

/**
 * An invalid job configuration. The message names the field and the values it accepts.
 * Thrown before anything is written to the registry center.
 */
public class JobConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the field
     */
    public JobConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the field
     * @param cause the underlying error
     */
    public JobConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Formats a message naming the field, the rejected value and what is allowed.
     *
     * @param field the configuration field
     * @param value the rejected value
     * @param allowed what the field accepts
     * @return the exception
     */
    public static JobConfigurationException invalid(String field, Object value, String allowed) {
        return new JobConfigurationException("Invalid '" + field + "': " + shown(value) + "; " + allowed);
    }

    /**
     * A pluggable type name that no implementation on the class path has.
     *
     * @param field the configuration field that named it
     * @param type the name
     * @param known the type names there are
     * @return the exception
     */
    public static JobConfigurationException unknownType(String field, String type, java.util.Collection<String> known) {
        return invalid(field, type, "known types: " + known);
    }

    /** A long value is shown by its start and its length, so that a message stays readable. */
    private static String shown(Object value) {
        if (!(value instanceof String text)) {
            return String.valueOf(value);
        }
        return text.length() <= 200 ? "'" + text + "'" : ConfigurationSizes.shown(text) + " (" + ConfigurationSizes.grouped(text.length())
                + " characters)";
    }
}
