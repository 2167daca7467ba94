package io.cronshard.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.api.ShardingContext;
import io.cronshard.internal.jobtype.HttpJobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The HTTP job type on its own: validation, methods, bodies, headers, failures and timeouts. */
class HttpJobExecutorTest {

    private final HttpJobExecutor executor = new HttpJobExecutor();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private LocalHttpServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void tearDown() {
        caller.shutdownNow();
        server.close();
    }

    private static JobConfiguration http(Map<String, String> properties) {
        JobConfiguration.Builder builder = JobConfiguration.newBuilder("http-job", 2);
        properties.forEach(builder::setProperty);
        return builder.build();
    }

    private static ShardingContext item(int item) {
        return new ShardingContext("http-job", "task-9", 2, "nächtlich", item, "p" + item, 42L);
    }

    // ------------------------------------------------------------------ validation

    @Test
    void aMissingUriIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> executor.validate(http(Map.of())))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("http.uri")
                .hasMessageContaining("absolute http:// or https:// URI");
    }

    @Test
    void aMalformedOrRelativeOrNonHttpUriIsRefusedNamingThePropertyAndTheValue() {
        for (String bad : List.of("http://exa mple.com/x", "/jobs/run", "localhost:8080/run", "ftp://example.com/file", "http:///no-host",
                "mailto:ops@example.com", "https://bad_host_name:8080/run")) {
            assertThatThrownBy(() -> executor.validate(http(Map.of("http.uri", bad))))
                    .as(bad)
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("http.uri")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void anUnknownMethodIsRefusedListingTheAllowedOnes() {
        assertThatThrownBy(() -> executor.validate(http(Map.of("http.uri", "http://localhost/run", "http.method", "FETCH"))))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("http.method")
                .hasMessageContaining("'FETCH'")
                .hasMessageContaining("GET, POST, PUT, DELETE, PATCH, HEAD");
    }

    @Test
    void aBodyWithAMethodThatTakesNoneIsRefusedNamingTheProperty() {
        for (String method : List.of("GET", "HEAD", "DELETE")) {
            assertThatThrownBy(() -> executor.validate(http(Map.of("http.uri", "http://localhost/run", "http.method", method, "http.data", "a=1"))))
                    .as(method)
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("http.data")
                    .hasMessageContaining("POST, PUT, PATCH");
        }
    }

    @Test
    void timeoutsThatAreNotPositiveWholeMillisecondsAreRefusedNamingTheProperty() {
        for (String key : List.of("http.connect.timeout.milliseconds", "http.read.timeout.milliseconds")) {
            for (String bad : List.of("0", "-5", "1s", "2.5")) {
                assertThatThrownBy(() -> executor.validate(http(Map.of("http.uri", "http://localhost/run", key, bad))))
                        .as(key + "=" + bad)
                        .isInstanceOf(JobConfigurationException.class)
                        .hasMessageContaining(key)
                        .hasMessageContaining("'" + bad + "'");
            }
        }
    }

    @Test
    void aContentTypeThatIsNotAValidHeaderValueIsRefused() {
        assertThatThrownBy(() -> executor.validate(http(Map.of("http.uri", "http://localhost/run", "http.method", "POST",
                "http.content.type", "text/plain\r\nX-Injected: 1"))))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("http.content.type");
    }

    @Test
    void aCompleteConfigurationIsAcceptedWithMethodsInAnyCase() {
        executor.validate(http(Map.of("http.uri", "https://example.com:8443/jobs/run?x=1", "http.method", "patch", "http.data", "{}",
                "http.content.type", "application/json", "http.connect.timeout.milliseconds", "100", "http.read.timeout.milliseconds", "200")));
    }

    // ------------------------------------------------------------------ execution

    @Test
    void aGetSendsNoBodyNoContentTypeAndTheContextHeader() throws Exception {
        executor.execute(http(Map.of("http.uri", server.uri("/ok"))), item(1));

        LocalHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isEmpty();
        assertThat(request.contentType()).isNull();
        assertThat(request.item()).isEqualTo(1);
        assertThat(request.context().get("jobParameter").getAsString()).isEqualTo("nächtlich");
        assertThat(request.context().get("shardingParameter").getAsString()).isEqualTo("p1");
        assertThat(request.context().get("fencingToken").getAsLong()).isEqualTo(42L);
        assertThat(request.context().get("taskId").getAsString()).isEqualTo("task-9");
    }

    @Test
    void aBodyIsSentWithTheDefaultContentTypeOrTheConfiguredOne() throws Exception {
        executor.execute(http(Map.of("http.uri", server.uri("/ok"), "http.method", "POST", "http.data", "source=cronshard&n=1")), item(0));
        executor.execute(http(Map.of("http.uri", server.uri("/ok"), "http.method", "PUT", "http.data", "{\"a\":\"ü\"}",
                "http.content.type", "application/json; charset=utf-8")), item(1));
        executor.execute(http(Map.of("http.uri", server.uri("/ok"), "http.method", "PATCH", "http.data", "x")), item(0));

        List<LocalHttpServer.Request> requests = server.requests();
        assertThat(requests).extracting(LocalHttpServer.Request::method).containsExactly("POST", "PUT", "PATCH");
        assertThat(requests).extracting(LocalHttpServer.Request::body).containsExactly("source=cronshard&n=1", "{\"a\":\"ü\"}", "x");
        assertThat(requests).extracting(LocalHttpServer.Request::contentType)
                .containsExactly("application/x-www-form-urlencoded", "application/json; charset=utf-8", "application/x-www-form-urlencoded");
    }

    @Test
    void headAndDeleteSucceedWithoutBody() throws Exception {
        executor.execute(http(Map.of("http.uri", server.uri("/ok"), "http.method", "HEAD")), item(0));
        executor.execute(http(Map.of("http.uri", server.uri("/ok"), "http.method", "delete")), item(1));

        assertThat(server.requests()).extracting(LocalHttpServer.Request::method).containsExactly("HEAD", "DELETE");
    }

    @Test
    void aNon2xxAnswerFailsTheItemWithStatusUriJobItemAndATruncatedBody() {
        String uri = server.uri("/fail");

        assertThatThrownBy(() -> executor.execute(http(Map.of("http.uri", uri, "http.method", "POST", "http.data", "a=1")), item(1)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("Job 'http-job' item 1")
                .hasMessageContaining("POST " + uri)
                .hasMessageContaining("answered 500")
                .hasMessageContaining("boom: the downstream service is broken")
                .hasMessageContaining("(truncated)")
                .satisfies(ex -> assertThat(ex.getMessage()).hasSizeLessThan(800));
    }

    @Test
    void aRedirectIsNotFollowedAndFailsTheItem() {
        assertThatThrownBy(() -> executor.execute(http(Map.of("http.uri", server.uri("/redirect"))), item(0)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("answered 302");
        assertThat(server.requests()).extracting(LocalHttpServer.Request::path).containsExactly("/redirect");
    }

    @Test
    void aRefusedConnectionFailsTheItemNamingTheUri() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + closedPort + "/run";

        assertThatThrownBy(() -> executor.execute(http(Map.of("http.uri", uri)), item(0)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("GET " + uri)
                .hasMessageContaining("failed: cannot connect");
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutFailsTheItemPromptly() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> executor.execute(http(Map.of("http.uri", server.uri("/slow"), "http.read.timeout.milliseconds", "300")), item(1)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("item 1")
                .hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anInterruptedItemCancelsItsRequestAndEndsWithInterruptedException() {
        Future<?> running = caller.submit(() -> {
            executor.execute(http(Map.of("http.uri", server.uri("/slow"), "http.read.timeout.milliseconds", "60000")), item(0));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.requests().isEmpty());

        caller.shutdownNow();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void oneExecutorServesManyItemsConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            JobConfiguration config = http(Map.of("http.uri", server.uri("/ok")));
            List<Future<Object>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int item = i % 2;
                calls.add(pool.submit(() -> {
                    executor.execute(config, item(item));
                    return null;
                }));
            }
            for (Future<Object> each : calls) {
                each.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(8);
    }
}
