package io.cronshard.console;

import static io.cronshard.console.ConsoleFixture.ADMIN_PASSWORD;
import static io.cronshard.console.ConsoleFixture.GUEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Execution history and status trace: traced jobs write to an in-memory H2 that the console reads
 * through {@code cronshard.console.tracing.url}; real ZooKeeper, real HTTP, login.
 */
class HistoryApiTest {

    private static final String URL = "jdbc:h2:mem:console-history;DB_CLOSE_DELAY=-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ConsoleFixture fixture;
    private static ConsoleClient admin;
    private static ConsoleClient guest;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.withTracing(URL, "traced", "failing");
        admin = new ConsoleClient(fixture.baseUrl());
        assertThat(admin.login("admin", ADMIN_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        guest = new ConsoleClient(fixture.baseUrl());
        assertThat(guest.login("guest", GUEST_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                total(admin, "/api/history/executions?jobName=traced") >= 6
                        && total(admin, "/api/history/executions?jobName=failing&success=false") >= 1
                        && total(admin, "/api/history/status-traces?jobName=traced&state=FINISHED") >= 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void tellsThatTracingIsConfigured() {
        JsonObject status = json(guest.get("/api/history")).getAsJsonObject();
        assertThat(status.get("configured").getAsBoolean()).isTrue();
        assertThat(status.toString()).doesNotContain("jdbc:").doesNotContain("console-history");
    }

    @Test
    void listsExecutionsOfTheRunningJobs() {
        JsonObject page = json(admin.get("/api/history/executions?jobName=traced")).getAsJsonObject();
        assertThat(page.get("total").getAsLong()).isGreaterThanOrEqualTo(6);
        assertThat(page.get("page").getAsInt()).isEqualTo(1);
        assertThat(page.get("size").getAsInt()).isEqualTo(20);
        JsonObject first = page.getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(first.get("jobName").getAsString()).isEqualTo("traced");
        assertThat(first.get("success").getAsBoolean()).isTrue();
        assertThat(first.get("shardingItem").getAsInt()).isBetween(0, 1);
        assertThat(first.get("instanceId").getAsString()).contains("@-@");
        assertThat(first.get("ip").getAsString()).isNotBlank();
        assertThat(first.get("executionSource").getAsString()).isEqualTo("NORMAL");
        Instant start = Instant.parse(first.get("startTime").getAsString());
        Instant complete = Instant.parse(first.get("completeTime").getAsString());
        assertThat(complete).isAfterOrEqualTo(start);
        // newest first by default
        JsonArray items = page.getAsJsonArray("items");
        for (int i = 1; i < items.size(); i++) {
            assertThat(Instant.parse(items.get(i).getAsJsonObject().get("startTime").getAsString())).isBeforeOrEqualTo(
                    Instant.parse(items.get(i - 1).getAsJsonObject().get("startTime").getAsString()));
        }
    }

    @Test
    void filtersExecutions() {
        JsonObject failures = json(guest.get("/api/history/executions?jobName=failing&success=false")).getAsJsonObject();
        assertThat(failures.get("total").getAsLong()).isPositive();
        for (JsonElement each : failures.getAsJsonArray("items")) {
            JsonObject row = each.getAsJsonObject();
            assertThat(row.get("jobName").getAsString()).isEqualTo("failing");
            assertThat(row.get("success").getAsBoolean()).isFalse();
            assertThat(row.get("shardingItem").getAsInt()).isEqualTo(1);
            assertThat(row.get("failureCause").getAsString()).contains("fails on purpose");
        }
        assertThat(total(guest, "/api/history/executions?jobName=traced&success=false")).isZero();
        assertThat(total(guest, "/api/history/executions?jobName=nope")).isZero();
        assertThat(total(guest, "/api/history/executions?jobName=traced&shardingItem=0")).isPositive();
        JsonObject one = json(guest.get("/api/history/executions?jobName=traced&size=1")).getAsJsonObject()
                .getAsJsonArray("items").get(0).getAsJsonObject();
        String ip = one.get("ip").getAsString();
        assertThat(total(guest, "/api/history/executions?jobName=traced&ip=" + enc(ip))).isPositive();
        assertThat(total(guest, "/api/history/executions?jobName=traced&ip=203.0.113.9")).isZero();
        assertThat(total(guest, "/api/history/executions?instanceId=" + enc(one.get("instanceId").getAsString()))).isPositive();
        // time range: nothing after a future instant, everything from long ago
        assertThat(total(guest, "/api/history/executions?jobName=traced&from=" + enc(Instant.now().plusSeconds(3600).toString()))).isZero();
        assertThat(total(guest, "/api/history/executions?jobName=traced&from=2000-01-01T00:00:00Z&to="
                + Instant.now().plusSeconds(60).toEpochMilli())).isPositive();
    }

    @Test
    void pagesAndSortsExecutions() {
        JsonObject first = json(guest.get("/api/history/executions?jobName=traced&size=2&page=1&sort=startTime&order=ASC")).getAsJsonObject();
        JsonObject second = json(guest.get("/api/history/executions?jobName=traced&size=2&page=2&sort=startTime&order=ASC")).getAsJsonObject();
        assertThat(first.getAsJsonArray("items")).hasSize(2);
        assertThat(second.getAsJsonArray("items")).hasSize(2);
        assertThat(second.get("page").getAsInt()).isEqualTo(2);
        assertThat(first.get("totalPages").getAsLong()).isGreaterThanOrEqualTo(3);
        Set<String> ids = new HashSet<>();
        first.getAsJsonArray("items").forEach(each -> ids.add(each.getAsJsonObject().get("id").getAsString()));
        second.getAsJsonArray("items").forEach(each -> ids.add(each.getAsJsonObject().get("id").getAsString()));
        assertThat(ids).hasSize(4);
        Instant lastOfFirst = Instant.parse(first.getAsJsonArray("items").get(1).getAsJsonObject().get("startTime").getAsString());
        Instant firstOfSecond = Instant.parse(second.getAsJsonArray("items").get(0).getAsJsonObject().get("startTime").getAsString());
        assertThat(firstOfSecond).isAfterOrEqualTo(lastOfFirst);
        JsonObject beyond = json(guest.get("/api/history/executions?jobName=traced&size=2&page=100000")).getAsJsonObject();
        assertThat(beyond.getAsJsonArray("items")).isEmpty();
        assertThat(beyond.get("total").getAsLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void refusesInvalidParametersFieldByField() {
        HttpResponse<String> response = guest.get("/api/history/executions?sort=DROP%20TABLE&size=0&success=maybe&from=yesterday");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject errors = json(response).getAsJsonObject().getAsJsonObject("fieldErrors");
        assertThat(errors.keySet()).contains("sort", "size", "success", "from");
        assertThat(guest.get("/api/history/status-traces?state=SLEEPING").statusCode()).isEqualTo(400);
        assertThat(guest.get("/api/history/executions?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z").statusCode()).isEqualTo(400);
    }

    @Test
    void listsAndFiltersStatusTraces() {
        JsonObject page = json(guest.get("/api/history/status-traces?jobName=traced&size=5")).getAsJsonObject();
        assertThat(page.get("total").getAsLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.getAsJsonArray("items")).hasSize(5);
        JsonObject row = page.getAsJsonArray("items").get(0).getAsJsonObject();
        assertThat(row.get("jobName").getAsString()).isEqualTo("traced");
        assertThat(row.get("state").getAsString()).isIn("STAGING", "RUNNING", "FINISHED", "ERROR");
        assertThat(row.get("creationTime").getAsString()).isNotBlank();

        JsonObject finished = json(guest.get("/api/history/status-traces?jobName=traced&state=FINISHED")).getAsJsonObject();
        finished.getAsJsonArray("items").forEach(each -> assertThat(each.getAsJsonObject().get("state").getAsString()).isEqualTo("FINISHED"));
        String taskId = finished.getAsJsonArray("items").get(0).getAsJsonObject().get("taskId").getAsString();
        JsonArray fire = json(guest.get("/api/history/status-traces?sort=creationTime&order=ASC&taskId=" + enc(taskId)))
                .getAsJsonObject().getAsJsonArray("items");
        assertThat(fire.size()).isGreaterThanOrEqualTo(2);
        assertThat(fire.get(fire.size() - 1).getAsJsonObject().get("state").getAsString()).isEqualTo("FINISHED");
        await().atMost(WAIT).until(() -> total(guest, "/api/history/status-traces?jobName=failing&state=ERROR") > 0);
    }

    @Test
    void guestReadsButAnonymousIsRefused() {
        assertThat(guest.get("/api/history/executions").statusCode()).isEqualTo(200);
        assertThat(guest.get("/api/history/status-traces").statusCode()).isEqualTo(200);
        ConsoleClient anonymous = new ConsoleClient(fixture.baseUrl());
        assertThat(anonymous.get("/api/history/executions").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/history/status-traces").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/history").statusCode()).isEqualTo(401);
        assertThat(anonymous.getPage("/history.html").statusCode()).isEqualTo(302);
        assertThat(guest.post("/api/history/executions").statusCode()).isEqualTo(403);
    }

    @Test
    void jobsActivityTellsLastFireNextFireAndAFailingJob() {
        JsonObject activity = json(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/activity")).getAsJsonObject();
        assertThat(activity.getAsJsonObject("history").get("available").getAsBoolean()).isTrue();
        JsonObject traced = activity.getAsJsonObject("jobs").getAsJsonObject("traced");
        assertThat(traced.get("health").getAsString()).isEqualTo("OK");
        assertThat(traced.getAsJsonObject("lastFire").get("result").getAsString()).isEqualTo("SUCCESS");
        assertThat(Instant.parse(traced.getAsJsonObject("lastFire").get("time").getAsString())).isAfter(Instant.now().minusSeconds(30));
        assertThat(Instant.parse(traced.get("nextFire").getAsString())).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(2));
        assertThat(traced.getAsJsonObject("lastHour").get("executions").getAsLong()).isGreaterThanOrEqualTo(6);
        assertThat(traced.getAsJsonObject("lastHour").get("failures").getAsLong()).isZero();
        assertThat(traced.getAsJsonObject("lastHour").getAsJsonObject("durationMillis").get("p50").getAsLong()).isGreaterThanOrEqualTo(50);
        assertThat(traced.getAsJsonArray("signals")).isEmpty();

        JsonObject failing = activity.getAsJsonObject("jobs").getAsJsonObject("failing");
        assertThat(failing.get("status").getAsString()).isEqualTo("OK");
        assertThat(failing.get("health").getAsString()).as("a job whose last fires failed does not look OK").isEqualTo("FAILING");
        assertThat(failing.getAsJsonObject("lastFire").get("result").getAsString()).isEqualTo("FAILURE");
        assertThat(failing.getAsJsonObject("lastFire").getAsJsonArray("failedItems").toString()).isEqualTo("[1]");
        JsonObject signal = failing.getAsJsonArray("signals").get(0).getAsJsonObject();
        assertThat(signal.get("kind").getAsString()).isEqualTo("FAILING");
        assertThat(signal.get("item").getAsInt()).isEqualTo(1);
        assertThat(signal.get("message").getAsString()).contains("IllegalStateException: item 1 of failing fails on purpose")
                .doesNotContain("\tat ");
        assertThat(failing.getAsJsonObject("lastHour").get("failures").getAsLong()).isPositive();
    }

    @Test
    void jobActivityTellsEachItemsLastRunAndRecentDurations() {
        JsonObject detail = json(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/jobs/failing/activity")).getAsJsonObject();
        assertThat(detail.getAsJsonObject("job").get("health").getAsString()).isEqualTo("FAILING");
        JsonArray items = detail.getAsJsonArray("items");
        assertThat(items).hasSize(2);
        JsonObject ok = items.get(0).getAsJsonObject();
        JsonObject bad = items.get(1).getAsJsonObject();
        assertThat(ok.getAsJsonObject("lastRun").get("success").getAsBoolean()).isTrue();
        assertThat(ok.getAsJsonObject("lastRun").get("durationMillis").getAsLong()).isGreaterThanOrEqualTo(50);
        assertThat(ok.getAsJsonObject("lastRun").get("failure").isJsonNull()).isTrue();
        assertThat(ok.get("nextFire").getAsString()).isNotBlank();
        assertThat(ok.getAsJsonArray("signals")).isEmpty();
        assertThat(bad.getAsJsonObject("lastRun").get("success").getAsBoolean()).isFalse();
        assertThat(bad.getAsJsonObject("lastRun").get("failure").getAsString())
                .isEqualTo("java.lang.IllegalStateException: item 1 of failing fails on purpose");
        assertThat(bad.getAsJsonArray("signals").get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("FAILING");
        JsonArray durations = ok.getAsJsonArray("recentDurations");
        assertThat(durations.size()).isBetween(2, 30);
        assertThat(Instant.parse(durations.get(0).getAsJsonObject().get("start").getAsString()))
                .isBefore(Instant.parse(durations.get(durations.size() - 1).getAsJsonObject().get("start").getAsString()));
        assertThat(durations.get(0).getAsJsonObject().get("millis").getAsLong()).isGreaterThanOrEqualTo(50);
        assertThat(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/jobs/nope/activity").statusCode()).isEqualTo(404);
    }

    @Test
    void dashboardPutsTheWorstJobFirstWithCountsDurationsAndFireLatency() {
        JsonObject hour = json(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/dashboard?window=hour")).getAsJsonObject();
        assertThat(hour.get("window").getAsString()).isEqualTo("hour");
        JsonArray jobs = hour.getAsJsonArray("jobs");
        assertThat(jobs).hasSize(2);
        JsonObject worst = jobs.get(0).getAsJsonObject();
        assertThat(worst.getAsJsonObject("job").get("jobName").getAsString()).isEqualTo("failing");
        assertThat(worst.get("failures").getAsLong()).isPositive();
        JsonObject traced = jobs.get(1).getAsJsonObject();
        assertThat(traced.get("executions").getAsLong()).isGreaterThanOrEqualTo(6);
        assertThat(traced.getAsJsonObject("durationMillis").get("p95").getAsLong()).isGreaterThanOrEqualTo(50);
        JsonObject latency = traced.getAsJsonObject("fireLatencyMillis");
        assertThat(latency.get("count").getAsLong()).isPositive();
        assertThat(latency.get("p50").getAsLong()).isBetween(0L, 1000L);
        JsonObject timeline = hour.getAsJsonObject("timeline");
        assertThat(timeline.getAsJsonArray("starts")).hasSize(60);
        long executions = 0;
        for (JsonElement each : timeline.getAsJsonArray("executions")) {
            executions += each.getAsLong();
        }
        assertThat(executions).isEqualTo(worst.get("executions").getAsLong() + traced.get("executions").getAsLong());

        JsonObject day = json(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/dashboard?window=day")).getAsJsonObject();
        assertThat(day.getAsJsonObject("timeline").getAsJsonArray("starts")).hasSize(48);
        assertThat(guest.get("/api/registry-centers/" + ConsoleFixture.RC + "/dashboard?window=week").statusCode()).isEqualTo(400);
    }

    @Test
    void dashboardOverviewCountsJobsItemsInstancesAndServersPerRegistryCenter() {
        JsonObject center = json(guest.get("/api/dashboard")).getAsJsonObject().getAsJsonArray("registryCenters").get(0).getAsJsonObject();
        assertThat(center.get("name").getAsString()).isEqualTo(ConsoleFixture.RC);
        assertThat(center.get("available").getAsBoolean()).isTrue();
        assertThat(center.getAsJsonObject("jobsByHealth").get("OK").getAsInt()).isEqualTo(1);
        assertThat(center.getAsJsonObject("jobsByHealth").get("FAILING").getAsInt()).isEqualTo(1);
        JsonObject items = center.getAsJsonObject("itemsByStatus");
        assertThat(items.get("RUNNING").getAsInt() + items.get("PENDING").getAsInt()).isEqualTo(4);
        assertThat(center.get("instances").getAsInt()).isPositive();
        assertThat(center.get("servers").getAsInt()).isEqualTo(1);
    }

    private static long total(ConsoleClient client, String path) {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json(response).getAsJsonObject().get("total").getAsLong();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonElement json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body());
    }
}
