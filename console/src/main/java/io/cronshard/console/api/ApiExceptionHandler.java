package io.cronshard.console.api;

import java.util.Map;

import io.cronshard.api.JobConfigurationException;
import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.reg.RegistryCenterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The errors the API's controllers raise, as {@link ApiErrors}' body. What happens before or outside a
 * controller (login, roles, CSRF, unknown paths, methods, media types) gets the same body from the security
 * handlers and {@code ConsoleErrorController}.
 */
@RestControllerAdvice(basePackages = "io.cronshard.console.api")
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException ex) {
        return body(ex.getStatus(), ex.getMessage(), ex.getFieldErrors());
    }

    @ExceptionHandler(RegistryCenters.UnknownRegistryCenterException.class)
    ResponseEntity<Map<String, Object>> unknownRegistryCenter(RuntimeException ex) {
        return body(HttpStatus.NOT_FOUND, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(RegistryCenterException.class)
    ResponseEntity<Map<String, Object>> registryCenter(RegistryCenterException ex) {
        LOG.warn("Registry center unavailable: {}", ex.toString());
        return body(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), Map.of());
    }

    /** A stored configuration this console cannot read: most often a job using types (strategy, handler, listener) it has not got. */
    @ExceptionHandler(JobConfigurationException.class)
    ResponseEntity<Map<String, Object>> unreadableConfiguration(JobConfigurationException ex) {
        return body(HttpStatus.CONFLICT, ex.getMessage() + ". A job using custom types can be read and saved only by a console that has "
                + "their jar on its class path (its lib/ folder: see docs/console.md, Custom job types)", Map.of());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape", Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return body(HttpStatus.BAD_REQUEST, "Invalid input: " + ex.getName(), Map.of(ex.getName(), "Must be " + ("int".equals(expected)
                || "integer".equals(expected) ? "a whole number" : "of type " + expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException ex) {
        return body(HttpStatus.BAD_REQUEST, "Invalid input: " + ex.getParameterName(), Map.of(ex.getParameterName(), "Required"));
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, Map<String, String> fieldErrors) {
        return ApiErrors.response(status, message, fieldErrors);
    }
}
