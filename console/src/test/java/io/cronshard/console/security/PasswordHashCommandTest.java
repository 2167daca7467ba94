package io.cronshard.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cronshard.console.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** {@code --encode-password} prints a hash the user properties accept. */
class PasswordHashCommandTest {

    @Test
    void printsABCryptHashTheUserPropertiesAccept() {
        String fromArgument = run(new String[] {"--encode-password", "s3cret"}, "");
        String fromStdin = run(new String[] {"--encode-password"}, "s3cret\n");
        for (String hash : List.of(fromArgument, fromStdin)) {
            assertThat(hash).startsWith("{bcrypt}$2a$10$");
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret", hash)).isTrue();
            ConsoleProperties properties = new ConsoleProperties();
            properties.getAdmin().setPassword(hash);
            assertThat(ConsoleUsers.from(properties, PasswordEncoderFactories.createDelegatingPasswordEncoder())).hasSize(1);
        }
        assertThat(PasswordHashCommand.isRequested(new String[] {"--server.port=1"})).isFalse();
    }

    private static String run(String[] args, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PasswordHashCommand.run(args, null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
