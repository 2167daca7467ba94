package io.cronshard.console.security;

import java.time.Clock;
import java.util.Map;

import io.cronshard.console.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Login on every route; on the server, {@code ADMIN} may do everything and {@code GUEST} may only
 * read ({@code GET}). The API answers 401 instead of redirecting; pages redirect to the login form.
 * CSRF: a cookie-to-header token for the pages' {@code fetch} calls (design note 16, docs/design-notes.md).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    /** Role that operates. */
    public static final String ADMIN = "ADMIN";
    /** Role that reads. */
    public static final String GUEST = "GUEST";

    /**
     * Every route, {@code /api/**} included, goes through these filters. The API's 401 and 403 (role or CSRF) answer its
     * JSON error body ({@link ApiSecurityHandlers}); the login page is the console's own ({@code /login}); failed logins
     * are throttled ({@link LoginThrottle}) and a throttled one is sent to {@code /login?locked}.
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
        failure.setDefaultFailureUrl("/login?error");
        failure.setExceptionMappings(Map.of(ThrottledAuthenticationProvider.LoginThrottledException.class.getName(), "/login?locked"));
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/error", "/style.css", "/favicon.svg", "/favicon.ico").permitAll()
                        .requestMatchers(path.matcher(HttpMethod.GET, "/api/**")).hasAnyRole(ADMIN, GUEST)
                        .requestMatchers(path.matcher("/api/**")).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .authenticationManager(authenticationManager)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).failureHandler(failure).permitAll())
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
        return new InMemoryUserDetailsManager(ConsoleUsers.from(properties, encoder));
    }

    @Bean
    LoginThrottle loginThrottle(ConsoleProperties properties) {
        return new LoginThrottle(properties.getLoginThrottle(), Clock.systemUTC());
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    }
}
