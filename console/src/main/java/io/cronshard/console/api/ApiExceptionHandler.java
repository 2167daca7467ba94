package io.cronshard.console.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cronshard.console.registry.RegistryCenters;
import io.cronshard.reg.RegistryCenterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API error as {@code {"error": "...", "fieldErrors": {field: message}}}.
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

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape", Map.of());
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, Map<String, String> fieldErrors) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status.value());
        result.put("error", message);
        result.put("fieldErrors", fieldErrors);
        return ResponseEntity.status(status).body(result);
    }
}
