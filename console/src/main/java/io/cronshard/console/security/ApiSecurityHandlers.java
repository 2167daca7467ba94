package io.cronshard.console.security;

import java.io.IOException;

import io.cronshard.console.api.ApiErrors;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * How the security filters answer the API ({@code /api/…}): 401 with the API's JSON error body for
 * every request without a login, whatever its method — also when its CSRF token is missing, which the
 * CSRF filter finds before it knows who is asking; 403 with the JSON body for a logged-in user whose
 * role may not do it or whose CSRF token is missing or wrong. Pages keep the browser behaviour
 * (redirect to the login page, the error page).
 */
final class ApiSecurityHandlers {

    private ApiSecurityHandlers() {
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** 401 with the JSON body. */
    static AuthenticationEntryPoint unauthorized() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) ->
                ApiErrors.write(response, HttpStatus.UNAUTHORIZED, ApiErrors.UNAUTHENTICATED);
    }

    /** For the API: 401 when nobody is logged in, else 403 (CSRF or role); for pages: the default. */
    static AccessDeniedHandler accessDenied() {
        AccessDeniedHandler pages = new AccessDeniedHandlerImpl();
        return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) -> {
            if (!isApi(request)) {
                pages.handle(request, response, ex);
                return;
            }
            deny(response, ex);
        };
    }

    private static void deny(HttpServletResponse response, AccessDeniedException ex) throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            ApiErrors.write(response, HttpStatus.UNAUTHORIZED, ApiErrors.UNAUTHENTICATED);
        } else if (ex instanceof CsrfException) {
            ApiErrors.write(response, HttpStatus.FORBIDDEN, ApiErrors.FORBIDDEN_CSRF);
        } else {
            ApiErrors.write(response, HttpStatus.FORBIDDEN, ApiErrors.FORBIDDEN_ROLE);
        }
    }
}
