package io.cronshard.console.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a misconfigured user into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class InvalidUsersFailureAnalyzer extends AbstractFailureAnalyzer<ConsoleUsers.InvalidUsersException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConsoleUsers.InvalidUsersException cause) {
        return new FailureAnalysis("Invalid console user: " + cause.getMessage(),
                "Set " + cause.property() + " to a BCrypt hash, e.g. {bcrypt}$2a$10$..., made with "
                        + "'java -jar cronshard-console.jar --encode-password' (or htpasswd -bnBC 10 \"\" PASSWORD | tr -d ':\\n'). "
                        + "See docs/console.md, Users.", cause);
    }
}
