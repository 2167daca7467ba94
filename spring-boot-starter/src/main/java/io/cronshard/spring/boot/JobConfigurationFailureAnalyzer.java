package io.cronshard.spring.boot;

import io.cronshard.api.JobConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link JobConfigurationException} that reached the application without a job name (e.g. from a bean of the
 * user's own): the message names the field; the action names the property.
 */
final class JobConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<JobConfigurationException> {

    private static final Pattern FIELD = Pattern.compile("^Invalid '([A-Za-z]+)'");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JobConfigurationException cause) {
        String field = field(cause.getMessage());
        return new FailureAnalysis("Invalid Cronshard job configuration: " + cause.getMessage(),
                field == null ? "Fix the job's configuration." : "Fix the job's '" + field + "' (cronshard.jobs.<jobName>."
                        + kebab(field) + " in Spring Boot properties, " + kebab(field) + " in <cronshard:job>).", cause);
    }

    static String field(String message) {
        Matcher matcher = message == null ? null : FIELD.matcher(message);
        return matcher != null && matcher.find() ? matcher.group(1) : null;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
