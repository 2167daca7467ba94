package io.cronshard.console.web;

import java.util.Map;

import io.cronshard.console.api.ApiErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The error page, in place of Spring Boot's: for {@code /api/…} requests the API's JSON error body
 * ({@link ApiErrors}), whatever the status (404 unknown path, 405, 406, 415, 400, 500, …); for pages a
 * short HTML page. Neither ever carries an exception's message or stack trace.
 */
@Controller
public class ConsoleErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<?> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        if (path.equals("/api") || path.startsWith("/api/")) {
            return ApiErrors.response(status, ApiErrors.defaultMessage(status), Map.of());
        }
        String title = status.value() + " " + status.getReasonPhrase();
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + " · Cronshard console</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/style.css\"></head><body class=\"error-page\"><main>"
                + "<h1>Cronshard console</h1><p class=\"message error\">" + HtmlUtils.htmlEscape(title)
                + "</p><p><a href=\"/\">Back to the dashboard</a></p></main></body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus result = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return result == null || !result.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : result;
    }
}
