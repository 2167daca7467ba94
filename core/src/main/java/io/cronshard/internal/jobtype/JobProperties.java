package io.cronshard.internal.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;

/** Reads the job properties of the built-in job types, refusing bad values by name. */
final class JobProperties {

    private JobProperties() {
    }

    /**
     * @param config the job's configuration
     * @param key the property
     * @return the trimmed value, or null when unset or blank
     */
    static String trimmed(JobConfiguration config, String key) {
        String value = config.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * @param config the job's configuration
     * @param key the property
     * @param defaultValue the value when the property is unset or blank
     * @param min the smallest value allowed
     * @param allowed what the property accepts, for the message
     * @return the value
     * @throws JobConfigurationException when the value is not a whole number of at least {@code min}
     */
    static int integer(JobConfiguration config, String key, int defaultValue, int min, String allowed) {
        String value = trimmed(config, key);
        if (value == null) {
            return defaultValue;
        }
        int result;
        try {
            result = Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            throw JobConfigurationException.invalid(key, config.getProperty(key), allowed);
        }
        if (result < min) {
            throw JobConfigurationException.invalid(key, config.getProperty(key), allowed);
        }
        return result;
    }
}
