package io.cronshard.examples.boot;

import io.cronshard.test.CronshardTest;
import io.cronshard.test.CronshardTestContext;
import io.cronshard.test.ItemExecution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code management.endpoint.cronshard.access=unrestricted}, a POST to /actuator/cronshard/{job} runs every item once. */
@SpringBootTest(classes = SpringBootDemo.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=spring-boot-demo", "management.endpoint.cronshard.access=unrestricted"})
@CronshardTest
class SpringBootDemoTriggerTest {

    @Autowired
    CronshardTestContext cronshard;

    @Value("${local.server.port}")
    int port;

    @Test
    void aPostTriggersTheJobOnceOnEveryInstance() throws Exception {
        // the trigger reaches the instances registered when it is sent
        cronshard.awaitExecutions("order-sync", runs -> !runs.isEmpty(), Duration.ofSeconds(20));
        int before = cronshard.executions("order-sync").size();

        HttpResponse<String> trigger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/cronshard/order-sync")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(trigger.statusCode()).isEqualTo(200);
        assertThat(trigger.body()).contains("\"jobName\":\"order-sync\"");
        cronshard.awaitExecutions("order-sync", runs -> runs.subList(before, runs.size()).stream()
                .filter(run -> run.executionSource().equals("MANUAL")).map(ItemExecution::item).distinct().count() == 3, Duration.ofSeconds(20));
    }
}
