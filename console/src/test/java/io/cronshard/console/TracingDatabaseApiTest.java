package io.cronshard.console;

import static io.cronshard.console.ConsoleFixture.ADMIN_PASSWORD;
import static io.cronshard.console.ConsoleFixture.GUEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-trace database chosen on the page: traced jobs write to an in-memory H2 the console is not
 * configured with; an admin sets it through the API, then the history endpoints answer; a guest cannot.
 */
class TracingDatabaseApiTest {

    private static final String URL = "jdbc:h2:mem:console-chosen;DB_CLOSE_DELAY=-1";

    private static ConsoleFixture fixture;
    private static ConsoleClient admin;
    private static ConsoleClient guest;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.withJobTracingOnly(URL, "chosen");
        admin = new ConsoleClient(fixture.baseUrl());
        admin.login("admin", ADMIN_PASSWORD);
        guest = new ConsoleClient(fixture.baseUrl());
        guest.login("guest", GUEST_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void adminSetsAndClearsTheDatabaseGuestCannot() {
        assertThat(admin.get("/api/history/executions").statusCode()).isEqualTo(503);
        assertThat(object(guest.get("/api/history/database")).get("configured").getAsBoolean()).isFalse();

        String body = "{\"url\":\"" + URL + ";USER=sa;PASSWORD=secret-pw\",\"username\":\"sa\",\"password\":\"\"}";
        assertThat(guest.put("/api/history/database", body).statusCode()).isEqualTo(403);
        assertThat(guest.delete("/api/history/database").statusCode()).isEqualTo(403);
        assertThat(admin.get("/api/history/executions").statusCode()).isEqualTo(503);

        HttpResponse<String> refused = admin.put("/api/history/database", "{\"url\":\"jdbc:nosuchdriver:x\",\"username\":\"sa\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Cannot connect");
        assertThat(admin.put("/api/history/database", "{\"url\":\"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://example.invalid/x.sql'\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> set = admin.put("/api/history/database", "{\"url\":\"" + URL + "\",\"username\":\"sa\",\"password\":\"\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonObject database = object(guest.get("/api/history/database"));
        assertThat(database.get("configured").getAsBoolean()).isTrue();
        assertThat(database.get("url").getAsString()).isEqualTo(URL);
        assertThat(database.get("passwordSet").getAsBoolean()).isFalse();
        assertThat(database.get("source").getAsString()).isEqualTo("page");
        assertThat(database.toString()).doesNotContain("\"sa\"");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> executions = guest.get("/api/history/executions?jobName=chosen");
            return executions.statusCode() == 200 && object(executions).get("total").getAsLong() >= 2;
        });
        assertThat(object(guest.get("/api/history/status-traces?jobName=chosen")).get("total").getAsLong()).isGreaterThan(0);

        assertThat(admin.delete("/api/history/database").statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/history/executions").statusCode()).isEqualTo(503);
        assertThat(object(guest.get("/api/history/database")).get("source").getAsString()).isEqualTo("none");
    }

    private static JsonObject object(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
