package io.cronshard.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.testsupport.EmbeddedZookeeper;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * HTTP jobs against a real ZooKeeper with two instances and a local HTTP server: every item sends
 * one request with its context in a header, a 500 reaches the error handler, and a malformed URI
 * is refused before anything is stored.
 */
class HttpJobIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private TypedJobCluster cluster;
    private LocalHttpServer server;
    private String namespace;

    @BeforeEach
    void setUp() throws IOException {
        namespace = ZOOKEEPER.uniqueNamespace("http");
        cluster = new TypedJobCluster(ZOOKEEPER, namespace);
        server = new LocalHttpServer();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
        server.close();
        ZOOKEEPER.closeClients();
    }

    @Test
    void everyItemSendsOneRequestAcrossTwoInstancesWithMethodBodyContentTypeAndItsContextHeader() {
        cluster.start(2, "HTTP", JobConfiguration.newBuilder("http-each-item", 4).cron(YEARLY)
                .shardingItemParameters("0=a,1=b,2=c,3=d").jobParameter("täglich & mehr")
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("http.uri", server.uri("/ok"))
                .setProperty("http.method", "POST")
                .setProperty("http.data", "source=cronshard&mode=full")
                .build());

        cluster.trigger("http-each-item");

        await().atMost(Duration.ofSeconds(20)).until(() -> server.requests().size() >= 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 4);
        Map<Integer, JsonObject> byItem = new TreeMap<>();
        for (LocalHttpServer.Request request : server.requests()) {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/ok");
            assertThat(request.body()).isEqualTo("source=cronshard&mode=full");
            assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(byItem.put(request.item(), request.context())).as("item sent twice").isNull();
        }
        assertThat(byItem).containsOnlyKeys(0, 1, 2, 3);
        byItem.forEach((item, context) -> {
            assertThat(context.get("jobName").getAsString()).isEqualTo("http-each-item");
            assertThat(context.get("shardingTotalCount").getAsInt()).isEqualTo(4);
            assertThat(context.get("jobParameter").getAsString()).isEqualTo("täglich & mehr");
            assertThat(context.get("shardingParameter").getAsString()).isEqualTo(String.valueOf((char) ('a' + item)));
            assertThat(context.get("fencingToken").getAsLong()).isPositive();
        });
        Set<String> taskIds = byItem.values().stream().map(context -> context.get("taskId").getAsString()).collect(Collectors.toSet());
        assertThat(taskIds).as("one run id per instance: both instances sent their share").hasSize(2);
        assertThat(RecordingJobErrorHandler.failures("http-each-item")).isEmpty();
    }

    @Test
    void aServerErrorIsAFailureOfEachItemHandedToTheErrorHandler() {
        String uri = server.uri("/fail");
        cluster.start(2, "HTTP", JobConfiguration.newBuilder("http-server-error", 2).cron(YEARLY)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("http.uri", uri)
                .build());

        cluster.trigger("http-server-error");

        await().atMost(Duration.ofSeconds(20)).until(() -> RecordingJobErrorHandler.failures("http-server-error").size() >= 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> RecordingJobErrorHandler.failures("http-server-error").size() == 2);
        assertThat(RecordingJobErrorHandler.failures("http-server-error")).extracting(RecordingJobErrorHandler.Failure::item)
                .containsExactlyInAnyOrder(0, 1);
        assertThat(RecordingJobErrorHandler.failures("http-server-error")).allSatisfy(failure -> assertThat(failure.cause())
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("Job 'http-server-error' item " + failure.item())
                .hasMessageContaining("GET " + uri)
                .hasMessageContaining("answered 500")
                .hasMessageContaining("boom"));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsAFailureHandedToTheErrorHandler() {
        cluster.start(2, "HTTP", JobConfiguration.newBuilder("http-timeout", 2).cron(YEARLY)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("http.uri", server.uri("/slow"))
                .setProperty("http.read.timeout.milliseconds", "500")
                .build());

        cluster.trigger("http-timeout");

        await().atMost(Duration.ofSeconds(20)).until(() -> RecordingJobErrorHandler.failures("http-timeout").size() == 2);
        assertThat(RecordingJobErrorHandler.failures("http-timeout")).allSatisfy(failure -> assertThat(failure.cause())
                .hasMessageContaining("timed out"));
    }

    @Test
    void aMalformedUriIsRefusedBeforeAnythingIsStored() throws Exception {
        JobConfiguration malformed = JobConfiguration.newBuilder("http-bad-uri", 2).cron(YEARLY)
                .setProperty("http.uri", "http://exa mple.com/run").build();

        assertThatThrownBy(() -> new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), "HTTP", malformed))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("http.uri")
                .hasMessageContaining("'http://exa mple.com/run'");
        assertThat(cluster.stored("http-bad-uri")).isFalse();
    }
}
