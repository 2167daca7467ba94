package io.cronshard.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.cronshard.console.ConsoleApplication;
import io.cronshard.console.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Users from properties: BCrypt hashes only, several per role, a generated password only when none is set. */
class ConsoleUsersTest {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void readsSeveralAdminsAndGuestsFromBCryptHashes() {
        ConsoleProperties properties = new ConsoleProperties();
        properties.getAdmin().setPassword("{bcrypt}" + new BCryptPasswordEncoder(4).encode("a"));
        properties.getGuest().setEnabled(false);
        String htpasswd = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2Y, 4).encode("second");
        properties.setUsers(List.of(user("ops", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("first"), "admin"),
                user("viewer", htpasswd, "GUEST")));
        List<UserDetails> users = ConsoleUsers.from(properties, ENCODER);
        assertThat(users).extracting(UserDetails::getUsername).containsExactly("ops", "viewer", "admin");
        assertThat(users.get(0).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
        assertThat(users.get(1).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_GUEST");
        assertThat(ENCODER.matches("first", users.get(0).getPassword())).isTrue();
        assertThat(ENCODER.matches("second", users.get(1).getPassword())).as("htpasswd -B's $2y$ hash, bare").isTrue();
    }

    @Test
    void refusesPlainTextAndOtherEncodingsNamingTheProperty() {
        ConsoleProperties plain = new ConsoleProperties();
        plain.getAdmin().setPassword("secret");
        assertThatThrownBy(() -> ConsoleUsers.from(plain, ENCODER)).hasMessageStartingWith("cronshard.console.admin.password is not a BCrypt hash")
                .hasMessageContaining("--encode-password").hasMessageNotContaining("secret");

        ConsoleProperties noop = new ConsoleProperties();
        noop.setUsers(List.of(user("ops", "{noop}secret", "ADMIN")));
        assertThatThrownBy(() -> ConsoleUsers.from(noop, ENCODER)).hasMessageStartingWith("cronshard.console.users[0].password is not a BCrypt hash");

        ConsoleProperties role = new ConsoleProperties();
        role.setUsers(List.of(user("ops", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x"), "ROOT")));
        assertThatThrownBy(() -> ConsoleUsers.from(role, ENCODER)).hasMessageStartingWith("cronshard.console.users[0].role must be ADMIN or GUEST");

        ConsoleProperties twice = new ConsoleProperties();
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x");
        twice.setUsers(List.of(user("ops", hash, "ADMIN"), user("ops", hash, "GUEST")));
        assertThatThrownBy(() -> ConsoleUsers.from(twice, ENCODER)).hasMessageContaining("'ops' is defined twice");
    }

    @Test
    void generatesPasswordsOnlyWhenNoneIsSet() {
        ConsoleProperties none = new ConsoleProperties();
        assertThat(ConsoleUsers.from(none, ENCODER)).extracting(UserDetails::getUsername).containsExactly("admin", "guest");

        ConsoleProperties listOnly = new ConsoleProperties();
        listOnly.setUsers(List.of(user("ops", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x"), "ADMIN")));
        assertThat(ConsoleUsers.from(listOnly, ENCODER)).extracting(UserDetails::getUsername).containsExactly("ops");
    }

    @Test
    void theConsoleDoesNotStartWithAPlainTextPassword() {
        assertThatThrownBy(() -> SpringApplication.run(ConsoleApplication.class, "--server.port=0", "--cronshard.console.registry-centers-file=",
                "--cronshard.console.tracing-file=", "--cronshard.console.admin.password=plain-text"))
                .hasRootCauseInstanceOf(ConsoleUsers.InvalidUsersException.class)
                .rootCause().hasMessageContaining("cronshard.console.admin.password is not a BCrypt hash");
        assertThat(new InvalidUsersFailureAnalyzer().analyze(new ConsoleUsers.InvalidUsersException("cronshard.console.admin.password", "x"))
                .getAction()).contains("--encode-password").contains("htpasswd");
    }

    private static ConsoleProperties.NamedUser user(String name, String password, String role) {
        ConsoleProperties.NamedUser result = new ConsoleProperties.NamedUser();
        result.setUsername(name);
        result.setPassword(password);
        result.setRole(role);
        return result;
    }
}
