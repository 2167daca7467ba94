package io.cronshard.examples.boot;

import io.cronshard.test.CronshardTest;
import io.cronshard.test.CronshardTestContext;
import io.cronshard.test.JobFire;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the README promises of the Spring Boot demo, over HTTP: {@code /actuator/health} with the cronshard component (also
 * in the readiness probe), the cronshard.* meters on {@code /actuator/prometheus}, the jobs on {@code /actuator/cronshard}
 * and its trigger off by default. ZooKeeper and the namespace come from the test kit.
 */
@SpringBootTest(classes = SpringBootDemo.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=spring-boot-demo")
@CronshardTest
class SpringBootDemoActuatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final JsonMapper JSON = new JsonMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    CronshardTestContext cronshard;

    @Value("${local.server.port}")
    int port;

    static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)));
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void healthIsUpWithTheCronshardComponentAndSoIsTheReadinessProbe() throws Exception {
        // the jobs register right after the application is ready
        await().atMost(WAIT).until(() -> get("/actuator/health").statusCode() == 200);
        JsonNode cronshardHealth = json("/actuator/health").at("/components/cronshard");
        assertThat(cronshardHealth.at("/status").asString()).isEqualTo("UP");
        assertThat(cronshardHealth.at("/details/registryCenter").asString()).isEqualTo("CONNECTED");
        assertThat(cronshardHealth.at("/details/jobs/order-sync/registered").asBoolean()).isTrue();
        assertThat(cronshardHealth.at("/details/jobs/cleanup/registered").asBoolean()).isTrue();
        // the probe shows no components; that cronshard is one of them is CronshardHealthTest's (spring-boot-starter)
        assertThat(json("/actuator/health/readiness").at("/status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsTheCronshardMetersCountingAKnownNumberOfExecutions() throws Exception {
        String before = get("/actuator/prometheus").body();
        JobFire fire = cronshard.fireNow("order-sync");
        assertThat(fire.items()).containsExactly(0, 1, 2);

        await().atMost(WAIT).until(() -> manualExecutions(get("/actuator/prometheus").body()) == manualExecutions(before) + 3);
        String after = get("/actuator/prometheus").body();
        assertThat(after).contains("cronshard_items_owned{job=\"order-sync\"} 3.0", "cronshard_registry_connected{job=\"order-sync\"} 1.0",
                "cronshard_fire_latency_seconds_count{job=\"order-sync\",source=\"MANUAL\"}");
    }

    /** The count of cronshard_item_duration_seconds for order-sync's MANUAL successes, 0 before the first. */
    private static double manualExecutions(String prometheus) {
        Matcher count = Pattern.compile("cronshard_item_duration_seconds_count\\{job=\"order-sync\",result=\"success\",source=\"MANUAL\"} (\\S+)")
                .matcher(prometheus);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void theEndpointListsTheJobsAndKeepsItsTriggerOffUnlessAllowed() throws Exception {
        JsonNode jobs = json("/actuator/cronshard").at("/jobs");
        assertThat(jobs.valueStream().map(job -> job.at("/jobName").asString())).containsExactly("cleanup", "order-sync");
        await().atMost(WAIT).until(() -> json("/actuator/cronshard/order-sync").at("/ownedItems").size() == 3);
        JsonNode orderSync = json("/actuator/cronshard/order-sync");
        assertThat(orderSync.at("/type").asString()).isEqualTo("SCHEDULE");
        assertThat(orderSync.at("/registered").asBoolean()).isTrue();
        assertThat(Instant.parse(orderSync.at("/nextFireTime").asString())).isAfter(Instant.now().minusSeconds(5));
        assertThat(get("/actuator/cronshard/absent").statusCode()).isEqualTo(404);

        HttpResponse<String> trigger = send(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/cronshard/order-sync"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(trigger.statusCode()).as("read-only by default: no POST").isEqualTo(405);
    }
}
