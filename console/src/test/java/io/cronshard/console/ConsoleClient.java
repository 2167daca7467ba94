package io.cronshard.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client with a cookie jar, as a browser would use the console: logs in through the
 * form and sends the CSRF cookie back in the {@code X-XSRF-TOKEN} header.
 */
final class ConsoleClient {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private boolean sendCsrf = true;

    ConsoleClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in; returns the response of the login POST (302 to / on success). */
    HttpResponse<String> login(String username, String password) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).GET());
        Matcher matcher = CSRF_INPUT.matcher(page.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF field in the login page: " + page.body());
        }
        String token = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    ConsoleClient withoutCsrf() {
        sendCsrf = false;
        return this;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A GET as a browser navigating to a page sends it. */
    HttpResponse<String> getPage(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html,application/xhtml+xml").GET());
    }

    HttpResponse<String> post(String path) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> put(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + path))).DELETE());
    }

    /**
     * Any request, with the CSRF header when this client sends it.
     *
     * @param method the HTTP method
     * @param path the path
     * @param body the body, or null
     * @param headers name, value, name, value, …
     * @return the response
     */
    HttpResponse<String> request(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (!"GET".equals(method)) {
            builder = withCsrf(builder);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder builder) {
        if (!sendCsrf) {
            return builder;
        }
        if (csrfCookie() == null) {
            get("/api/me");
        }
        String token = csrfCookie();
        return token == null ? builder : builder.header("X-XSRF-TOKEN", token);
    }

    private String csrfCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(each -> each.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
