package io.cronshard.console.security;

import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Spring Security's own username/password check, behind the {@link LoginThrottle}: a locked user name or client
 * address is refused before its password is even checked; failures and successes are reported to the throttle.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Instant lockedUntil = throttle.lockedUntil(username, client);
        if (lockedUntil != null) {
            throw new LoginThrottledException(lockedUntil);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                throttle.succeeded(username, client);
            }
            return result;
        } catch (BadCredentialsException ex) {
            throttle.failed(username, client);
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /** A login refused because its user name or client address is locked for a while. */
    static final class LoginThrottledException extends AuthenticationException {

        private static final long serialVersionUID = 1L;

        LoginThrottledException(Instant lockedUntil) {
            super("Too many failed logins: try again after " + lockedUntil);
        }
    }
}
