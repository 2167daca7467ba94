package io.cronshard.console;

import io.cronshard.console.security.PasswordHashCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The Cronshard web console: a JSON REST API under {@code /api} over the operations API
 * ({@code io.cronshard.lifecycle}) and static pages that call it, all behind login.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class) // the event-trace database is the console's own pool, not a context DataSource
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleApplication {

    /**
     * Starts the console, or, with {@code --encode-password [password]} first, prints a password's BCrypt hash for the
     * user properties and exits.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8899 --cronshard.console.admin.password={bcrypt}…}
     */
    public static void main(String[] args) {
        if (PasswordHashCommand.isRequested(args)) {
            System.exit(PasswordHashCommand.run(args, System.console(), System.in, System.out, System.err));
        }
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
