package io.cronshard.spring.boot;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A health group that lists {@code cronshard} (e.g. {@code management.endpoint.health.group.readiness.include=
 * readinessState,cronshard}) in an application or profile where Cronshard's health indicator does not exist: Spring Boot
 * then refuses to start with "health contributor 'cronshard' … does not exist". This says why it does not exist here
 * and what to change. Runs before Boot's own analysis of that failure.
 */
final class HealthGroupFailureAnalyzer implements FailureAnalyzer, Ordered {

    /** Spring Boot 4.0: "Included health contributor 'x' in group 'g' does not exist"; 4.1: "Health contributor 'x' defined in 'management.endpoint.health.group.g.include' does not exist". */
    private static final Pattern MISSING = Pattern.compile("(?i)health contributor '(cronshard(?:/[^']*)?)'(.*)does not exist");
    private static final Pattern GROUP = Pattern.compile("group '([^']+)'|health\\.group\\.([^.']+)\\.");

    private final Environment environment;

    HealthGroupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
            Matcher missing = each.getMessage() == null ? null : MISSING.matcher(each.getMessage());
            if (missing != null && missing.find()) {
                Matcher group = GROUP.matcher(missing.group(2));
                String name = group.find() ? (group.group(1) != null ? group.group(1) : group.group(2)) : "<group>";
                return new FailureAnalysis("The health group '" + name + "' includes 'cronshard', but this application has no Cronshard health "
                        + "indicator: " + reason() + ".",
                        "Remove 'cronshard' from management.endpoint.health.group." + name + ".include where Cronshard is off (e.g. in that "
                                + "profile's properties), or turn it on. Without that property, Cronshard puts itself into the readiness group "
                                + "whenever it runs.", each);
            }
        }
        return null;
    }

    private String reason() {
        if (environment == null) {
            return "Cronshard is not configured in this context";
        }
        if ("false".equalsIgnoreCase(environment.getProperty("cronshard.enabled"))) {
            return "Cronshard is turned off (cronshard.enabled=false)";
        }
        if ("false".equalsIgnoreCase(environment.getProperty("management.health.cronshard.enabled"))) {
            return "its health indicator is turned off (management.health.cronshard.enabled=false)";
        }
        if ("false".equalsIgnoreCase(environment.getProperty("management.health.defaults.enabled"))) {
            return "health indicators are off by default (management.health.defaults.enabled=false); set management.health.cronshard.enabled=true";
        }
        return "Cronshard's auto-configuration did not run (is cronshard-spring-boot-starter on the class path, and is "
                + "io.cronshard.spring.boot.CronshardAutoConfiguration not excluded?)";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
