package io.cronshard.console.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An API error with its HTTP status; {@code fieldErrors} (field → message) for invalid input.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient Map<String, String> fieldErrors;

    ApiException(HttpStatus status, String message) {
        this(status, message, Map.of());
    }

    ApiException(HttpStatus status, String message, Map<String, String> fieldErrors) {
        super(message);
        this.status = status;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    static ApiException invalid(Map<String, String> fieldErrors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid input: " + String.join(", ", fieldErrors.keySet()), fieldErrors);
    }

    HttpStatus getStatus() {
        return status;
    }

    Map<String, String> getFieldErrors() {
        return fieldErrors;
    }
}
