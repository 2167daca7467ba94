package io.cronshard.internal.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.api.ShardingContext;
import io.cronshard.executor.TypedJobItemExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code HTTP} job type: for each item, sends one request to {@value #REQUEST_URI} and fails the
 * item unless the answer is 2xx.
 *
 * <p>Job properties: {@value #REQUEST_URI} (required: an absolute {@code http} or {@code https} URI),
 * {@value #METHOD} ({@code GET} by default; {@code GET POST PUT DELETE PATCH HEAD}),
 * {@value #DATA} (the request body, UTF-8; only with {@code POST PUT PATCH}),
 * {@value #CONTENT_TYPE} (the body's {@code Content-Type}, default {@value #DEFAULT_CONTENT_TYPE},
 * sent only with a body), {@value #CONNECT_TIMEOUT} (default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS})
 * and {@value #READ_TIMEOUT} (default {@value #DEFAULT_READ_TIMEOUT_MILLIS}: the longest wait for
 * the whole response, headers and body; the request as a whole is bounded by the sum of both).
 *
 * <p>The item's sharding context travels in the request header {@value #CONTEXT_HEADER}: its
 * JSON (see the SCRIPT type) percent-encoded as UTF-8, RFC 3986 style ({@code %20} for a space),
 * so that any parameter text is valid header content; decode it with
 * {@code URLDecoder.decode(value, UTF_8)}, {@code decodeURIComponent} or
 * {@code urllib.parse.unquote}.
 *
 * <p>The item fails, with the status, the URI, the job, the item and the first
 * 512 bytes of the body in the message, on a non-2xx answer (redirects are
 * not followed, so a 3xx fails too); it fails as well on a connection error or a timeout. An
 * interrupted item cancels its request. HTTP/1.1 is used; one {@link HttpClient} serves every
 * item of the job and is created at the first request.
 */
public final class HttpJobExecutor implements TypedJobItemExecutor {

    /** Job property: where the request goes (required). */
    public static final String REQUEST_URI = "http.uri";
    /** Job property: the request method, {@code GET} by default. */
    public static final String METHOD = "http.method";
    /** Job property: the request body, for {@code POST}, {@code PUT} and {@code PATCH}. */
    public static final String DATA = "http.data";
    /** Job property: the {@code Content-Type} of the body. */
    public static final String CONTENT_TYPE = "http.content.type";
    /** Job property: the longest wait for a connection, in milliseconds. */
    public static final String CONNECT_TIMEOUT = "http.connect.timeout.milliseconds";
    /** Job property: the longest wait for the whole response once the request is sent, in milliseconds. */
    public static final String READ_TIMEOUT = "http.read.timeout.milliseconds";
    /** The request header that carries the item's sharding context. */
    public static final String CONTEXT_HEADER = "shardingContext";

    /** The {@code Content-Type} of a body when {@value #CONTENT_TYPE} is unset. */
    public static final String DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";
    /** {@value #CONNECT_TIMEOUT} when unset. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;
    /** {@value #READ_TIMEOUT} when unset. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 5000;

    static final int KEPT_BODY_BYTES = 512;

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    private static final List<String> METHODS_WITH_BODY = List.of("POST", "PUT", "PATCH");
    private static final String MILLIS_ALLOWED = "a whole number of milliseconds >= 1";
    private static final Logger LOG = LoggerFactory.getLogger(HttpJobExecutor.class);

    private HttpClient client;
    private int clientConnectTimeoutMillis;

    /** Creates the executor; ServiceLoader calls this. No thread or connection is made before the first request. */
    public HttpJobExecutor() {
    }

    @Override
    public String getType() {
        return "HTTP";
    }

    @Override
    public void validate(JobConfiguration config) {
        Settings.of(config);
    }

    @Override
    public void execute(JobConfiguration config, ShardingContext context) throws Exception {
        Settings settings = Settings.of(config);
        String what = "Job '" + context.getJobName() + "' item " + context.getShardingItem() + ": " + settings.method() + " " + settings.uri();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.uri())
                .timeout(Duration.ofMillis(settings.readTimeoutMillis()))
                .header(CONTEXT_HEADER, ShardingContextJson.toHeaderValue(context));
        if (settings.data() != null) {
            request.header("Content-Type", settings.contentType());
            request.method(settings.method(), HttpRequest.BodyPublishers.ofString(settings.data(), StandardCharsets.UTF_8));
        } else {
            request.method(settings.method(), HttpRequest.BodyPublishers.noBody());
        }
        CompletableFuture<HttpResponse<String>> pending = client(settings.connectTimeoutMillis())
                .sendAsync(request.build(), TruncatedBody.handler(KEPT_BODY_BYTES));
        long wholeRequestMillis = (long) settings.connectTimeoutMillis() + settings.readTimeoutMillis();
        HttpResponse<String> response;
        try {
            response = pending.get(wholeRequestMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            pending.cancel(true);
            throw ex;
        } catch (TimeoutException ex) {
            pending.cancel(true);
            throw new JobExecutionException(what + " timed out: no complete response within " + wholeRequestMillis + " ms ("
                    + CONNECT_TIMEOUT + " + " + READ_TIMEOUT + ")", ex);
        } catch (ExecutionException ex) {
            throw failed(what, ex.getCause(), settings);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new JobExecutionException(what + " answered " + status + (response.body().isEmpty() ? "" : ": " + response.body()), null);
        }
        LOG.debug("{} answered {}", what, status);
    }

    private static JobExecutionException failed(String what, Throwable cause, Settings settings) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new JobExecutionException(what + " timed out: no connection within " + settings.connectTimeoutMillis() + " ms ("
                    + CONNECT_TIMEOUT + ")", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new JobExecutionException(what + " timed out: no response within " + settings.readTimeoutMillis() + " ms ("
                    + READ_TIMEOUT + ")", cause);
        }
        if (cause instanceof java.net.ConnectException) {
            return new JobExecutionException(what + " failed: cannot connect (" + describe(cause) + ")", cause);
        }
        return new JobExecutionException(what + " failed: " + describe(cause), cause);
    }

    /** The JDK's connection errors often carry their reason only in a nested cause. */
    private static String describe(Throwable cause) {
        for (Throwable each = cause; each != null; each = each.getCause()) {
            if (each.getMessage() != null) {
                return each == cause ? each.toString() : cause.getClass().getName() + ": " + each.getMessage();
            }
        }
        return String.valueOf(cause);
    }

    /** One client for all items; a changed connect timeout (a new configuration) gets a new one. */
    private synchronized HttpClient client(int connectTimeoutMillis) {
        if (client == null || clientConnectTimeoutMillis != connectTimeoutMillis) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                    .build();
            clientConnectTimeoutMillis = connectTimeoutMillis;
        }
        return client;
    }

    /** The job's HTTP properties, checked. */
    record Settings(URI uri, String method, String data, String contentType, int connectTimeoutMillis, int readTimeoutMillis) {

        static Settings of(JobConfiguration config) {
            URI uri = uri(config.getProperty(REQUEST_URI));
            String rawMethod = JobProperties.trimmed(config, METHOD);
            String method = rawMethod == null ? "GET" : rawMethod.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw JobConfigurationException.invalid(METHOD, config.getProperty(METHOD), "one of " + String.join(", ", METHODS));
            }
            String data = config.getProperty(DATA) == null || config.getProperty(DATA).isEmpty() ? null : config.getProperty(DATA);
            if (data != null && !METHODS_WITH_BODY.contains(method)) {
                throw JobConfigurationException.invalid(DATA, abbreviate(data),
                        "a request body is sent only with " + String.join(", ", METHODS_WITH_BODY) + ", and " + METHOD + " is " + method
                                + "; put parameters of a " + method + " in " + REQUEST_URI);
            }
            String contentType = config.getProperty(CONTENT_TYPE) == null ? DEFAULT_CONTENT_TYPE : config.getProperty(CONTENT_TYPE).trim();
            try {
                HttpRequest.newBuilder().header("Content-Type", contentType);
            } catch (IllegalArgumentException ex) {
                throw JobConfigurationException.invalid(CONTENT_TYPE, config.getProperty(CONTENT_TYPE),
                        "a media type such as application/json, valid as a header value");
            }
            if (contentType.isEmpty()) {
                throw JobConfigurationException.invalid(CONTENT_TYPE, config.getProperty(CONTENT_TYPE), "a media type such as application/json");
            }
            int connect = JobProperties.integer(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MILLIS, 1, MILLIS_ALLOWED);
            int read = JobProperties.integer(config, READ_TIMEOUT, DEFAULT_READ_TIMEOUT_MILLIS, 1, MILLIS_ALLOWED);
            return new Settings(uri, method, data, contentType, connect, read);
        }

        private static URI uri(String value) {
            String allowed = "an absolute http:// or https:// URI with a host, e.g. http://localhost:8080/jobs/run";
            if (value == null || value.isBlank()) {
                throw JobConfigurationException.invalid(REQUEST_URI, value, "an HTTP job needs " + allowed);
            }
            URI result;
            try {
                result = new URI(value.trim());
            } catch (URISyntaxException ex) {
                throw JobConfigurationException.invalid(REQUEST_URI, value, allowed + " (" + ex.getMessage() + ")");
            }
            String scheme = result.getScheme() == null ? null : result.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || result.getHost() == null) {
                throw JobConfigurationException.invalid(REQUEST_URI, value, allowed);
            }
            try {
                HttpRequest.newBuilder(result);
            } catch (IllegalArgumentException ex) {
                throw JobConfigurationException.invalid(REQUEST_URI, value, allowed + " (" + ex.getMessage() + ")");
            }
            return result;
        }

        private static String abbreviate(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "...";
        }
    }
}
