package io.cronshard.console;

import static io.cronshard.console.ConsoleFixture.ADMIN_PASSWORD;
import static io.cronshard.console.ConsoleFixture.GUEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API against a real ZooKeeper with running jobs, through real HTTP, login and CSRF.
 */
class ConsoleApiTest {

    private static final String API = "/api/registry-centers/" + ConsoleFixture.RC;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConsoleFixture fixture;
    private static ConsoleClient admin;
    private static ConsoleClient guest;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture("orders", "reports", "items", "servers", "doomed", "removable", "configured-off");
        admin = new ConsoleClient(fixture.baseUrl());
        assertThat(admin.login("admin", ADMIN_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        guest = new ConsoleClient(fixture.baseUrl());
        assertThat(guest.login("guest", GUEST_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void unauthenticatedRequestsAreRefused() {
        ConsoleClient anonymous = new ConsoleClient(fixture.baseUrl());
        assertThat(anonymous.get(API + "/jobs").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/registry-centers").statusCode()).isEqualTo(401);
        assertThat(anonymous.post(API + "/jobs/orders/trigger").statusCode()).isEqualTo(401);
        assertThat(anonymous.put(API + "/jobs/orders/config", "{\"cron\":\"0 0 1 * * ?\"}").statusCode()).isEqualTo(401);
        assertThat(new ConsoleClient(fixture.baseUrl()).withoutCsrf().delete(API + "/jobs/orders").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/history/database").statusCode()).isEqualTo(401);
        HttpResponse<String> page = anonymous.getPage("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(anonymous.getPage("/job.html").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/app.js").statusCode()).isIn(302, 401);
        assertThat(config("orders").get("cron").getAsString()).isEqualTo("0/1 * * * * ?");
    }

    @Test
    void historyAnswers503WhenEventTracingIsNotConfigured() {
        assertThat(json(guest.get("/api/history")).getAsJsonObject().get("configured").getAsBoolean()).isFalse();
        for (String path : List.of("/api/history/executions", "/api/history/status-traces?jobName=orders")) {
            HttpResponse<String> response = guest.get(path);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString()).contains("Event tracing is not configured");
        }
        assertThat(new ConsoleClient(fixture.baseUrl()).get("/api/history/executions").statusCode()).isEqualTo(401);
    }

    @Test
    void activityWithoutTheTraceDatabaseStillTellsNextFiresAndSaysWhatIsMissing() {
        JsonObject activity = json(guest.get(API + "/activity")).getAsJsonObject();
        assertThat(activity.getAsJsonObject("history").get("available").getAsBoolean()).isFalse();
        assertThat(activity.getAsJsonObject("history").get("reason").getAsString()).contains("event-trace database");
        JsonObject orders = activity.getAsJsonObject("jobs").getAsJsonObject("orders");
        assertThat(orders.get("nextFire").getAsString()).isNotBlank();
        assertThat(orders.get("lastFire").isJsonNull()).isTrue();
        assertThat(orders.get("lastHour").isJsonNull()).isTrue();
        JsonObject detail = json(guest.get(API + "/jobs/orders/activity")).getAsJsonObject();
        assertThat(detail.getAsJsonArray("items")).hasSize(2);
        assertThat(detail.getAsJsonArray("items").get(0).getAsJsonObject().get("lastRun").isJsonNull()).isTrue();
        JsonObject dashboard = json(guest.get(API + "/dashboard")).getAsJsonObject();
        assertThat(dashboard.getAsJsonObject("history").get("available").getAsBoolean()).isFalse();
        assertThat(dashboard.getAsJsonArray("jobs").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aJobUsingTypesTheConsoleHasNotIsListedAndItsConfigurationNamesTheMissingJar() {
        io.cronshard.reg.zookeeper.ZookeeperRegistryCenter raw = new io.cronshard.reg.zookeeper.ZookeeperRegistryCenter(
                new io.cronshard.reg.zookeeper.ZookeeperConfiguration(fixture.connectString(), ConsoleFixture.NAMESPACE));
        raw.init();
        try {
            String json = raw.get("/orders/config").replace("\"AVG_ALLOCATION\"", "\"PRIMARY_DC\"").replace("\"orders\"", "\"custom-typed\"");
            assertThat(json).contains("PRIMARY_DC").contains("custom-typed");
            raw.persist("/custom-typed/config", json);
            HttpResponse<String> config = guest.get(API + "/jobs/custom-typed/config");
            assertThat(config.statusCode()).as(config.body()).isEqualTo(409);
            assertThat(json(config).getAsJsonObject().get("error").getAsString()).contains("jobShardingStrategyType").contains("PRIMARY_DC")
                    .contains("lib/");
            assertThat(jobNames(guest)).contains("custom-typed", "orders");
            JsonObject activity = json(guest.get(API + "/activity")).getAsJsonObject().getAsJsonObject("jobs");
            assertThat(activity.getAsJsonObject("custom-typed").get("nextFire").getAsString()).as("cron read from the stored JSON").isNotBlank();
        } finally {
            raw.remove("/custom-typed");
            raw.close();
        }
    }

    @Test
    void wrongPasswordDoesNotLogIn() {
        ConsoleClient intruder = new ConsoleClient(fixture.baseUrl());
        assertThat(intruder.login("admin", "admin").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login?error"));
        assertThat(intruder.get(API + "/jobs").statusCode()).isEqualTo(401);
    }

    @Test
    void moreThanOneAdminAndGuestLogInFromHashedPasswords() {
        ConsoleClient ops = new ConsoleClient(fixture.baseUrl());
        assertThat(ops.login("ops", ConsoleFixture.OPS_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(json(ops.get("/api/me")).getAsJsonObject().get("admin").getAsBoolean()).isTrue();
        assertThat(ops.post(API + "/jobs/orders/trigger").statusCode()).isEqualTo(204);
        ConsoleClient viewer = new ConsoleClient(fixture.baseUrl());
        viewer.login("viewer", ConsoleFixture.VIEWER_PASSWORD);
        assertThat(json(viewer.get("/api/me")).getAsJsonObject().get("roles").toString()).isEqualTo("[\"GUEST\"]");
        assertThat(viewer.post(API + "/jobs/orders/trigger").statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailedLoginsLockTheUserForAWhileEvenWithTheRightPassword() {
        ConsoleClient intruder = new ConsoleClient(fixture.baseUrl());
        for (int i = 0; i < 5; i++) {
            assertThat(intruder.login("victim", "guess-" + i).headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login?error"));
        }
        ConsoleClient owner = new ConsoleClient(fixture.baseUrl());
        assertThat(owner.login("victim", ConsoleFixture.VICTIM_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?locked"));
        assertThat(owner.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(owner.getPage("/login?locked").body()).contains("Too many failed logins");
        ConsoleClient other = new ConsoleClient(fixture.baseUrl());
        assertThat(other.login("viewer", ConsoleFixture.VIEWER_PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("login"));
    }

    @Test
    void theLoginPageIsTheConsoles() {
        HttpResponse<String> page = new ConsoleClient(fixture.baseUrl()).getPage("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Log in · Cronshard console</title>").contains("Cronshard").contains("name=\"_csrf\"")
                .doesNotContain("Please sign in");
        assertThat(new ConsoleClient(fixture.baseUrl()).getPage("/login?error").body()).contains("Wrong user name or password");
        assertThat(new ConsoleClient(fixture.baseUrl()).getPage("/login?logout").body()).contains("You are logged out");
    }

    @Test
    void meTellsTheRole() {
        assertThat(json(admin.get("/api/me")).getAsJsonObject().get("admin").getAsBoolean()).isTrue();
        JsonObject me = json(guest.get("/api/me")).getAsJsonObject();
        assertThat(me.get("admin").getAsBoolean()).isFalse();
        assertThat(me.get("roles").getAsJsonArray().get(0).getAsString()).isEqualTo("GUEST");
    }

    @Test
    void listsJobsWithStatusCronItemsAndInstances() {
        JsonObject orders = job(admin, "orders");
        assertThat(orders.get("status").getAsString()).isEqualTo("OK");
        assertThat(orders.get("cron").getAsString()).isEqualTo("0/1 * * * * ?");
        assertThat(orders.get("shardingTotalCount").getAsInt()).isEqualTo(2);
        assertThat(orders.get("instanceCount").getAsInt()).isEqualTo(1);
        assertThat(orders.get("description").getAsString()).isEqualTo("test job orders");
        assertThat(job(guest, "orders").get("status").getAsString()).isEqualTo("OK");
    }

    @Test
    void showsOneJobWithItems() {
        JsonObject detail = json(guest.get(API + "/jobs/orders")).getAsJsonObject();
        assertThat(detail.getAsJsonObject("job").get("jobName").getAsString()).isEqualTo("orders");
        JsonArray items = detail.getAsJsonArray("items");
        assertThat(items).hasSize(2);
        JsonObject first = items.get(0).getAsJsonObject();
        assertThat(first.get("item").getAsInt()).isZero();
        assertThat(first.get("serverIp").getAsString()).isNotBlank();
        assertThat(first.get("instanceId").getAsString()).contains("@-@");
        assertThat(first.get("status").getAsString()).isIn("RUNNING", "PENDING");
        assertThat(first.has("failover")).isTrue();
        assertThat(first.has("misfire")).isTrue();
        assertThat(detail.getAsJsonArray("servers")).hasSize(1);
        assertThat(guest.get(API + "/jobs/nope").statusCode()).isEqualTo(404);
        assertThat(guest.get("/api/registry-centers/nope/jobs").statusCode()).isEqualTo(404);
    }

    @Test
    void disablesAndEnablesAJob() {
        assertThat(admin.post(API + "/jobs/reports/disable").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> job(admin, "reports").get("status").getAsString().equals("DISABLED"));
        assertThat(admin.post(API + "/jobs/reports/enable").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> job(admin, "reports").get("status").getAsString().equals("OK"));
        assertThat(admin.post(API + "/jobs/nope/disable").statusCode()).isEqualTo(404);
    }

    @Test
    void enablesAJobWhoseConfigurationSaysDisabledAndShowsItsItemsDisabledMeanwhile() {
        try (JobConfigurationAPI configuration = JobAPIFactory.createJobConfigurationAPI(fixture.connectString(), ConsoleFixture.NAMESPACE, null)) {
            configuration.updateJobConfiguration(configuration.getJobConfiguration("configured-off").toBuilder().disabled(true).build());
            await().atMost(WAIT).until(() -> job(admin, "configured-off").get("status").getAsString().equals("DISABLED"));
            await().atMost(WAIT).until(() -> itemStatus("configured-off", 0).equals("DISABLED") && itemStatus("configured-off", 1).equals("DISABLED"));

            assertThat(admin.post(API + "/jobs/configured-off/enable").statusCode()).isEqualTo(204);
            assertThat(config("configured-off").get("disabled").getAsBoolean()).isFalse();
            await().atMost(WAIT).until(() -> job(admin, "configured-off").get("status").getAsString().equals("OK"));

            assertThat(admin.post(API + "/jobs/configured-off/disable").statusCode()).isEqualTo(204);
            assertThat(config("configured-off").get("disabled").getAsBoolean()).isTrue();
            await().atMost(WAIT).until(() -> job(admin, "configured-off").get("status").getAsString().equals("DISABLED"));
            assertThat(admin.post(API + "/jobs/configured-off/enable").statusCode()).isEqualTo(204);
            await().atMost(WAIT).until(() -> job(admin, "configured-off").get("status").getAsString().equals("OK"));
        }
    }

    @Test
    void triggersAJob() {
        assertThat(admin.post(API + "/jobs/orders/trigger").statusCode()).isEqualTo(204);
    }

    @Test
    void disablesAndEnablesAnItem() {
        assertThat(admin.post(API + "/jobs/items/items/1/disable").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> itemStatus("items", 1).equals("DISABLED"));
        assertThat(itemStatus("items", 0)).isNotEqualTo("DISABLED");
        assertThat(admin.post(API + "/jobs/items/items/1/enable").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> !itemStatus("items", 1).equals("DISABLED"));
        assertThat(admin.post(API + "/jobs/items/items/7/disable").statusCode()).isEqualTo(404);
    }

    @Test
    void updatesTheConfigurationWithAnErrorPerField() {
        JsonObject stored = config("orders");
        assertThat(stored.get("jobName").getAsString()).isEqualTo("orders");
        assertThat(stored.get("shardingItemParameters").getAsString()).isEqualTo("0=a,1=b");

        HttpResponse<String> invalid = admin.put(API + "/jobs/orders/config",
                "{\"cron\":\"not a cron\",\"shardingTotalCount\":0,\"maxTimeDiffSeconds\":\"x\",\"jobErrorHandlerType\":\"NOPE\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonObject errors = json(invalid).getAsJsonObject().getAsJsonObject("fieldErrors");
        assertThat(errors.keySet()).containsExactlyInAnyOrder("cron", "shardingTotalCount", "maxTimeDiffSeconds", "jobErrorHandlerType");
        assertThat(errors.get("cron").getAsString()).startsWith("Invalid 'cron'");
        assertThat(errors.get("maxTimeDiffSeconds").getAsString()).isEqualTo("Must be a whole number");
        assertThat(config("orders").get("cron").getAsString()).isEqualTo("0/1 * * * * ?");

        assertThat(admin.put(API + "/jobs/orders/config", "{\"jobName\":\"other\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> valid = admin.put(API + "/jobs/orders/config", "{\"cron\":\"0/2 * * * * ?\",\"description\":\"edited\"}");
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
        assertThat(config("orders").get("cron").getAsString()).isEqualTo("0/2 * * * * ?");
        assertThat(config("orders").get("shardingItemParameters").getAsString()).isEqualTo("0=a,1=b");
        await().atMost(WAIT).until(() -> job(guest, "orders").get("cron").getAsString().equals("0/2 * * * * ?"));
        assertThat(admin.put(API + "/jobs/orders/config", "{\"cron\":\"0/1 * * * * ?\",\"description\":\"test job orders\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void listsAndOperatesServers() {
        JsonArray servers = json(guest.get(API + "/servers")).getAsJsonArray();
        assertThat(servers).hasSize(1);
        JsonObject server = servers.get(0).getAsJsonObject();
        String ip = server.get("serverIp").getAsString();
        assertThat(names(server.getAsJsonArray("jobNames"))).contains("orders", "servers");
        assertThat(server.getAsJsonArray("instances")).isNotEmpty();
        assertThat(json(guest.get(API + "/servers/" + ip + "/jobs")).getAsJsonArray()).isNotEmpty();

        assertThat(admin.post(API + "/servers/" + ip + "/disable?job=servers").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> job(admin, "servers").get("status").getAsString().equals("DISABLED"));
        assertThat(job(admin, "orders").get("status").getAsString()).isNotEqualTo("DISABLED");
        await().atMost(WAIT).until(() -> json(guest.get(API + "/servers")).getAsJsonArray().get(0).getAsJsonObject()
                .get("disabledJobsNum").getAsInt() == 1);
        assertThat(admin.post(API + "/servers/" + ip + "/enable?job=servers").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> job(admin, "servers").get("status").getAsString().equals("OK"));
        assertThat(admin.post(API + "/servers/10.255.255.1/disable").statusCode()).isEqualTo(404);
    }

    @Test
    void shutsDownAndRemovesJobs() {
        assertThat(admin.post(API + "/jobs/doomed/shutdown").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> job(admin, "doomed").get("status").getAsString().equals("CRASHED"));
        assertThat(admin.delete(API + "/jobs/removable").statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> jobNames(admin).stream().noneMatch("removable"::equals));
        assertThat(admin.delete(API + "/jobs/removable").statusCode()).isEqualTo(404);
    }

    @Test
    void dumpsAJob() {
        HttpResponse<String> dump = guest.get(API + "/jobs/orders/dump");
        assertThat(dump.statusCode()).isEqualTo(200);
        assertThat(dump.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(dump.body()).contains("# job orders").contains("\nconfig | {").contains("\ninstances/").contains("\nsharding/0/instance | ");
    }

    @Test
    void dumpsOneInstanceOfAJob() {
        JsonArray instances = json(guest.get(API + "/jobs/orders")).getAsJsonObject().getAsJsonArray("instances");
        assertThat(instances).hasSize(1);
        String instance = instances.get(0).getAsString();
        HttpResponse<String> dump = guest.get(API + "/jobs/orders/dump?instance=" + java.net.URLEncoder.encode(instance,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(dump.statusCode()).as(dump.body()).isEqualTo(200);
        assertThat(dump.body()).contains("as seen by instance " + instance);
        assertThat(guest.get(API + "/jobs/orders/dump?instance=127.0.0.1%40-%4099999").statusCode()).isEqualTo(404);
        assertThat(guest.get(API + "/jobs/orders/dump?instance=").statusCode()).isEqualTo(200);
    }

    @Test
    void guestIsRefusedEveryOperation() {
        assertThat(guest.post(API + "/jobs/orders/trigger").statusCode()).isEqualTo(403);
        assertThat(guest.post(API + "/jobs/orders/disable").statusCode()).isEqualTo(403);
        assertThat(guest.post(API + "/jobs/orders/enable").statusCode()).isEqualTo(403);
        assertThat(guest.post(API + "/jobs/orders/shutdown").statusCode()).isEqualTo(403);
        assertThat(guest.delete(API + "/jobs/orders").statusCode()).isEqualTo(403);
        assertThat(guest.post(API + "/jobs/orders/items/0/disable").statusCode()).isEqualTo(403);
        assertThat(guest.put(API + "/jobs/orders/config", "{\"cron\":\"0 0 1 * * ?\"}").statusCode()).isEqualTo(403);
        assertThat(guest.post(API + "/servers/127.0.0.1/disable").statusCode()).isEqualTo(403);
        assertThat(guest.delete("/api/registry-centers/" + ConsoleFixture.RC).statusCode()).isEqualTo(403);
        assertThat(guest.postJson("/api/registry-centers", "{\"name\":\"x\",\"serverLists\":\"localhost:1\",\"namespace\":\"x\"}")
                .statusCode()).isEqualTo(403);
        assertThat(job(guest, "orders").get("status").getAsString()).isEqualTo("OK");
        assertThat(config("orders").get("cron").getAsString()).isNotEqualTo("0 0 1 * * ?");
        assertThat(names(json(guest.get("/api/registry-centers")).getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("x")))
                .isEmpty();
    }

    @Test
    void operationsWithoutTheCsrfTokenAreRefused() {
        ConsoleClient noCsrf = new ConsoleClient(fixture.baseUrl()).withoutCsrf();
        noCsrf.login("admin", ADMIN_PASSWORD);
        assertThat(noCsrf.get(API + "/jobs").statusCode()).isEqualTo(200);
        assertThat(noCsrf.post(API + "/jobs/orders/disable").statusCode()).isEqualTo(403);
        assertThat(noCsrf.put(API + "/jobs/orders/config", "{\"cron\":\"0 0 1 * * ?\"}").statusCode()).isEqualTo(403);
        assertThat(job(admin, "orders").get("status").getAsString()).isEqualTo("OK");
    }

    @Test
    void managesRegistryCentersWithoutShowingDigests() {
        HttpResponse<String> invalid = admin.postJson("/api/registry-centers", "{\"name\":\"bad name!\",\"serverLists\":\"\",\"namespace\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).getAsJsonObject().getAsJsonObject("fieldErrors").keySet()).contains("name", "serverLists", "namespace");

        HttpResponse<String> added = admin.postJson("/api/registry-centers", "{\"name\":\"second\",\"serverLists\":\""
                + fixture.connectString() + "\",\"namespace\":\"other\",\"digest\":\"user:very-secret\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> list = guest.get("/api/registry-centers");
        assertThat(list.body()).contains("\"second\"").doesNotContain("very-secret");
        assertThat(json(guest.get("/api/registry-centers/second/jobs")).getAsJsonArray()).isEmpty();
        assertThat(admin.delete("/api/registry-centers/second").statusCode()).isEqualTo(204);
        assertThat(guest.get("/api/registry-centers/second/jobs").statusCode()).isEqualTo(404);
    }

    @Test
    void everyErrorStatusAnswersTheDocumentedJsonBody() {
        ConsoleClient anonymous = new ConsoleClient(fixture.baseUrl());
        ConsoleClient anonymousWithoutCsrf = new ConsoleClient(fixture.baseUrl()).withoutCsrf();
        ConsoleClient adminWithoutCsrf = new ConsoleClient(fixture.baseUrl()).withoutCsrf();
        adminWithoutCsrf.login("admin", ADMIN_PASSWORD);
        String instance = java.net.URLEncoder.encode("127.0.0.1@-@99999", java.nio.charset.StandardCharsets.UTF_8);

        assertErrorBody(admin.put(API + "/jobs/orders/config", "{\"cron\":\"nope\"}"), 400, "Invalid input");
        assertThat(json(admin.put(API + "/jobs/orders/config", "{\"cron\":\"nope\"}")).getAsJsonObject().getAsJsonObject("fieldErrors")
                .has("cron")).isTrue();
        assertErrorBody(admin.post(API + "/jobs/orders/items/abc/disable"), 400, "Invalid input: item");
        assertErrorBody(admin.put(API + "/jobs/orders/config", "{not json"), 400, "not valid JSON");

        assertErrorBody(anonymous.get(API + "/jobs"), 401, "Not logged in");
        assertErrorBody(anonymous.post(API + "/jobs/orders/trigger"), 401, "Not logged in");
        assertErrorBody(anonymousWithoutCsrf.post(API + "/jobs/orders/trigger"), 401, "Not logged in");
        assertErrorBody(anonymousWithoutCsrf.request("PUT", "/api/history/database", "{}", "Content-Type", "application/json"), 401,
                "Not logged in");
        assertErrorBody(anonymous.get("/api/no-such-endpoint"), 401, "Not logged in");

        assertErrorBody(guest.post(API + "/jobs/orders/trigger"), 403, "your role may not do this");
        assertErrorBody(guest.delete("/api/history/database"), 403, "your role may not do this");
        assertErrorBody(adminWithoutCsrf.post(API + "/jobs/orders/disable"), 403, "CSRF token");

        assertErrorBody(guest.get(API + "/jobs/nope"), 404, "No job named 'nope'");
        assertErrorBody(guest.get("/api/no-such-endpoint"), 404, "Not found");
        assertErrorBody(guest.get("/api/registry-centers/nope/jobs"), 404, "No registry center");
        assertErrorBody(guest.request("GET", API + "/jobs/orders/dump?instance=" + instance, null, "Accept", "text/plain"), 404,
                "has no live instance");

        assertErrorBody(admin.request("DELETE", "/api/me", null), 405, "Method not allowed");
        assertErrorBody(guest.request("GET", API + "/jobs/orders/dump", null, "Accept", "application/json"), 406, "Not acceptable");
        assertErrorBody(admin.request("PUT", API + "/jobs/orders/config", "cron=x", "Content-Type", "text/plain"), 415,
                "Unsupported media type");
        assertErrorBody(guest.get("/api/history/executions"), 503, "Event tracing is not configured");
        assertThat(config("orders").get("cron").getAsString()).isEqualTo("0/1 * * * * ?");
    }

    private static void assertErrorBody(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.keySet()).containsExactly("status", "error", "fieldErrors");
        assertThat(body.get("status").getAsInt()).isEqualTo(status);
        assertThat(body.get("error").getAsString()).contains(message);
        assertThat(body.get("fieldErrors").isJsonObject()).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonElement json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
        return JsonParser.parseString(response.body());
    }

    private static JsonObject job(ConsoleClient client, String name) {
        HttpResponse<String> response = client.get(API + "/jobs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).getAsJsonArray().spliterator(), false).map(JsonElement::getAsJsonObject)
                .filter(each -> each.get("jobName").getAsString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in " + response.body()));
    }

    private static List<String> jobNames(ConsoleClient client) {
        return StreamSupport.stream(json(client.get(API + "/jobs")).getAsJsonArray().spliterator(), false)
                .map(each -> each.getAsJsonObject().get("jobName").getAsString()).toList();
    }

    private static JsonObject config(String job) {
        HttpResponse<String> response = admin.get(API + "/jobs/" + job + "/config");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).getAsJsonObject();
    }

    private static String itemStatus(String job, int item) {
        return json(admin.get(API + "/jobs/" + job + "/items")).getAsJsonArray().get(item).getAsJsonObject().get("status").getAsString();
    }

    private static List<String> names(JsonArray array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString).toList();
    }

}
