package io.cronshard.console.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import io.cronshard.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Login on every route; on the server, {@code ADMIN} may do everything and {@code GUEST} may only
 * read ({@code GET}). The API answers 401 instead of redirecting; pages redirect to the login form.
 * CSRF: a cookie-to-header token for the pages' {@code fetch} calls (PITFALLS.md item 16).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** Role that operates. */
    public static final String ADMIN = "ADMIN";
    /** Role that reads. */
    public static final String GUEST = "GUEST";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);
    private static final Pattern ENCODED = Pattern.compile("^\\{[a-z0-9]+}.+");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(path.matcher(HttpMethod.GET, "/api/**")).hasAnyRole(ADMIN, GUEST)
                        .requestMatchers(path.matcher("/api/**")).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.spa())
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(ApiSecurityHandlers.unauthorized(), path.matcher("/api/**"))
                        .accessDeniedHandler(ApiSecurityHandlers.accessDenied()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                        + "frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(ConsoleProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        users.add(user(properties.getAdmin(), ADMIN, encoder));
        if (properties.getGuest().isEnabled()) {
            users.add(user(properties.getGuest(), GUEST, encoder));
        }
        if (users.size() == 2 && users.get(0).getUsername().equals(users.get(1).getUsername())) {
            throw new IllegalStateException("cronshard.console.admin.username and cronshard.console.guest.username must differ");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(ConsoleProperties.User user, String role, PasswordEncoder encoder) {
        String password = user.getPassword();
        String encoded;
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("No password set for console user '{}' (role {}): generated one for this run: {}  "
                    + "(set cronshard.console.{}.password to choose one)", user.getUsername(), role, generated, role.toLowerCase());
            encoded = encoder.encode(generated);
        } else if (ENCODED.matcher(password).matches()) {
            encoded = password;
        } else {
            encoded = encoder.encode(password);
        }
        return User.withUsername(user.getUsername()).password(encoded).roles(role).build();
    }
}
