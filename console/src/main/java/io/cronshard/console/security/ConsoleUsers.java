package io.cronshard.console.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.cronshard.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's users from {@code cronshard.console.users[n].*}, {@code .admin.*} and {@code .guest.*}. Passwords in
 * properties are BCrypt hashes only: a plain-text value (or any other encoding, {@code {noop}} included) stops the
 * console at start with a message naming the property. When no user has a password at all, the simple setup
 * stays: a random password is generated for {@code admin} (and {@code guest}) and logged once.
 */
final class ConsoleUsers {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUsers.class);
    /** {@code {bcrypt}$2a$10$…}, or the bare hash ({@code $2y$} is what {@code htpasswd -B} prints). */
    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final Pattern USERNAME = Pattern.compile("[^\\s:]{1,64}");

    private ConsoleUsers() {
    }

    /**
     * @param properties the console's properties
     * @param encoder the encoder generated passwords are hashed with
     * @return the users
     * @throws InvalidUsersException when a user is misconfigured
     */
    static List<UserDetails> from(ConsoleProperties properties, PasswordEncoder encoder) {
        Map<String, UserDetails> result = new LinkedHashMap<>();
        List<ConsoleProperties.NamedUser> users = properties.getUsers() == null ? List.of() : properties.getUsers();
        boolean anyPassword = users.stream().anyMatch(each -> !blank(each.getPassword()))
                || !blank(properties.getAdmin().getPassword()) || !blank(properties.getGuest().getPassword());
        for (int i = 0; i < users.size(); i++) {
            ConsoleProperties.NamedUser each = users.get(i);
            String property = "cronshard.console.users[" + i + "]";
            String role = each.getRole() == null ? "" : each.getRole().trim().toUpperCase(Locale.ROOT);
            if (!role.equals(SecurityConfig.ADMIN) && !role.equals(SecurityConfig.GUEST)) {
                throw new InvalidUsersException(property + ".role", "must be ADMIN or GUEST, not '" + each.getRole() + "'");
            }
            add(result, property, each.getUsername(), hashed(property + ".password", each.getPassword()), role);
        }
        addSimple(result, properties.getAdmin(), "admin", SecurityConfig.ADMIN, anyPassword, encoder);
        if (properties.getGuest().isEnabled()) {
            addSimple(result, properties.getGuest(), "guest", SecurityConfig.GUEST, anyPassword, encoder);
        }
        if (result.values().stream().noneMatch(each -> each.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")))) {
            LOG.warn("No console user has the ADMIN role: the console is read only");
        }
        return new ArrayList<>(result.values());
    }

    private static void addSimple(Map<String, UserDetails> result, ConsoleProperties.User user, String key, String role, boolean anyPassword,
                                  PasswordEncoder encoder) {
        String property = "cronshard.console." + key;
        if (!blank(user.getPassword())) {
            add(result, property, user.getUsername(), hashed(property + ".password", user.getPassword()), role);
        } else if (!anyPassword) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No password set for console user '{}' (role {}): generated one for this run: {}  "
                    + "(set {}.password to a BCrypt hash: java -jar cronshard-console.jar --encode-password)", user.getUsername(), role,
                    generated, property);
            add(result, property, user.getUsername(), encoder.encode(generated), role);
        }
    }

    private static void add(Map<String, UserDetails> result, String property, String username, String encodedPassword, String role) {
        if (username == null || !USERNAME.matcher(username.trim()).matches()) {
            throw new InvalidUsersException(property + ".username", "must be 1 to 64 characters without spaces or ':'");
        }
        String name = username.trim();
        if (result.containsKey(name)) {
            throw new InvalidUsersException(property + ".username", "'" + name + "' is defined twice");
        }
        result.put(name, User.withUsername(name).password(encodedPassword).roles(role).build());
    }

    /** @return the password in the form the delegating encoder reads ({@code {bcrypt}…}) */
    private static String hashed(String property, String password) {
        if (blank(password)) {
            throw new InvalidUsersException(property, "is required (a BCrypt hash)");
        }
        String value = password.trim();
        if (!BCRYPT.matcher(value).matches()) {
            throw new InvalidUsersException(property, "is not a BCrypt hash; passwords in properties are never plain text. "
                    + "Make one with: java -jar cronshard-console.jar --encode-password");
        }
        return value.startsWith("{bcrypt}") ? value : "{bcrypt}" + value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A user property that stops the console at start; its message names the property, never its value. */
    static final class InvalidUsersException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final String property;

        InvalidUsersException(String property, String problem) {
            super(property + " " + problem);
            this.property = property;
        }

        String property() {
            return property;
        }
    }
}
