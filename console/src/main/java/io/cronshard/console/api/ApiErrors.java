package io.cronshard.console.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of every API error, whoever answers it (a controller, the security filters, the error
 * page): {@code {"status": 403, "error": "…", "fieldErrors": {field: message}}}, always
 * {@code application/json} whatever the request's {@code Accept} said, never a stack trace.
 */
public final class ApiErrors {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private ApiErrors() {
    }

    /**
     * @param status the HTTP status
     * @param message what went wrong, for a person
     * @param fieldErrors field → message, for invalid input; empty otherwise
     * @return the body
     */
    public static Map<String, Object> body(HttpStatus status, String message, Map<String, String> fieldErrors) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status.value());
        result.put("error", message);
        result.put("fieldErrors", fieldErrors);
        return result;
    }

    /**
     * The body as a response, its content type preset so that content negotiation cannot turn it into a 406
     * (the dump endpoint, for one, is asked for {@code text/plain}).
     *
     * @param status the HTTP status
     * @param message what went wrong
     * @param fieldErrors field → message
     * @return the response
     */
    public static ResponseEntity<Map<String, Object>> response(HttpStatus status, String message, Map<String, String> fieldErrors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(status, message, fieldErrors));
    }

    /**
     * Writes the body from a servlet filter (before any controller runs).
     *
     * @param response the response
     * @param status the HTTP status
     * @param message what went wrong
     * @throws IOException when writing fails
     */
    public static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(GSON.toJson(body(status, message, Map.of())));
        response.flushBuffer();
    }

    /**
     * @param status an HTTP status without a more precise message
     * @return the message the API sends for it
     */
    public static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> UNAUTHENTICATED;
            case FORBIDDEN -> FORBIDDEN_ROLE;
            case NOT_FOUND -> "Not found: no such API endpoint or resource";
            case METHOD_NOT_ALLOWED -> "Method not allowed for this path";
            case NOT_ACCEPTABLE -> "Not acceptable: this endpoint cannot answer in the media type the Accept header asks for";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type: send JSON (Content-Type: application/json)";
            case BAD_REQUEST -> "Bad request: a path or query parameter is missing or malformed";
            case INTERNAL_SERVER_ERROR -> "Internal error (see the console's log)";
            default -> status.getReasonPhrase();
        };
    }

    /** The 401 message. */
    public static final String UNAUTHENTICATED = "Not logged in: log in at /login (the session may have expired)";
    /** The 403 message for a role that may not do something. */
    public static final String FORBIDDEN_ROLE = "Forbidden: your role may not do this (only ADMIN may change anything)";
    /** The 403 message for a missing or wrong CSRF token. */
    public static final String FORBIDDEN_CSRF = "Forbidden: missing or invalid CSRF token (send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header)";
}
