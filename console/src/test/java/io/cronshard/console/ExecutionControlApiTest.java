package io.cronshard.console;

import static io.cronshard.console.ConsoleFixture.ADMIN_PASSWORD;
import static io.cronshard.console.ConsoleFixture.GUEST_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cronshard.api.JobConfiguration;
import io.cronshard.console.checkpoint.Checkpoints;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Execution control through the REST API, against a real ZooKeeper: the configuration's four execution-control fields,
 * an item's conditions (overdue with its reason and start, no live owner, misfire pending, failover, checkpoint,
 * running), and an item's checkpoint read and cleared. {@code resumable} is a running job whose item 0 saves a
 * checkpoint once; {@code cold} is a job written into ZooKeeper by the test, without instances, whose item nodes the
 * test sets as a runtime would.
 */
class ExecutionControlApiTest {

    private static final String API = "/api/registry-centers/" + ConsoleFixture.RC;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DEAD = "10.0.0.99@-@4711";
    private static final long SINCE = 1_765_130_400_000L;

    private static ConsoleFixture fixture;
    private static ZookeeperRegistryCenter zk;
    private static ConsoleClient admin;
    private static ConsoleClient guest;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        AtomicBoolean saved = new AtomicBoolean();
        fixture.startJob(JobConfiguration.newBuilder("resumable", 2).cron("0/1 * * * * ?").keepCheckpointOnSuccess(true), context -> {
            Thread.sleep(300);
            if (context.getShardingItem() == 0 && saved.compareAndSet(false, true)) {
                context.saveCheckpoint("offset-42");
            }
        });
        zk = new ZookeeperRegistryCenter(new ZookeeperConfiguration(fixture.connectString(), ConsoleFixture.NAMESPACE));
        zk.init();
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(zk)) {
            api.updateJobConfiguration(JobConfiguration.newBuilder("cold", 3).cron("0 0 3 * * ?").timeZone("UTC").build());
        }
        zk.persist("/cold/sharding/0/instance", DEAD);
        zk.persist("/cold/sharding/0/overdue", "{\"instanceId\":\"" + DEAD + "\",\"reason\":\"TIMEOUT\",\"since\":" + SINCE + "}");
        zk.persist("/cold/sharding/0/misfire", "");
        zk.persist("/cold/sharding/0/failover", DEAD);
        zk.persist("/cold/sharding/0/checkpoint", "{\"checkpoint\":\"page=7\",\"instanceId\":\"" + DEAD + "\",\"token\":8589934601,\"savedAt\":" + SINCE + "}");
        zk.persist("/cold/sharding/1/instance", DEAD);
        zk.persist("/cold/sharding/1/overdue", "{\"instanceId\":\"" + DEAD + "\",\"reason\":\"USUAL_DURATION\",\"since\":" + SINCE + "}");
        zk.persist("/cold/sharding/1/checkpoint", "written by hand");
        zk.persist("/cold/sharding/2/instance", DEAD);
        zk.persist("/cold/sharding/2/overdue", "not json");
        zk.persist("/cold/sharding/2/disabled", "");
        admin = new ConsoleClient(fixture.baseUrl());
        admin.login("admin", ADMIN_PASSWORD);
        guest = new ConsoleClient(fixture.baseUrl());
        guest.login("guest", GUEST_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theConfigurationReadsAndSavesTheExecutionControlFieldsAndNamesEachRefusedOneWithItsLimit() {
        JsonObject defaults = json(admin.get(API + "/jobs/cold/config"));
        assertThat(defaults.get("itemRetries").getAsInt()).isZero();
        assertThat(defaults.get("itemRetryBackoffMillis").getAsLong()).isEqualTo(1000);
        assertThat(defaults.get("itemTimeoutMillis").getAsLong()).isZero();
        assertThat(defaults.get("keepCheckpointOnSuccess").getAsBoolean()).isFalse();

        HttpResponse<String> refused = admin.put(API + "/jobs/cold/config", "{\"itemRetries\":101,\"itemRetryBackoffMillis\":60001,"
                + "\"itemTimeoutMillis\":604800001,\"keepCheckpointOnSuccess\":\"sometimes\",\"description\":\"not stored\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonObject errors = JsonParser.parseString(refused.body()).getAsJsonObject().getAsJsonObject("fieldErrors");
        assertThat(errors.keySet()).containsExactlyInAnyOrder("itemRetries", "itemRetryBackoffMillis", "itemTimeoutMillis", "keepCheckpointOnSuccess");
        assertThat(errors.get("itemRetries").getAsString()).startsWith("Invalid 'itemRetries': 101;").contains("100");
        assertThat(errors.get("itemRetryBackoffMillis").getAsString()).startsWith("Invalid 'itemRetryBackoffMillis': 60001;").contains("60,000 ms");
        assertThat(errors.get("itemTimeoutMillis").getAsString()).startsWith("Invalid 'itemTimeoutMillis': 604800001;").contains("7 days");
        assertThat(errors.get("keepCheckpointOnSuccess").getAsString()).isEqualTo("Must be true or false");
        HttpResponse<String> negative = admin.put(API + "/jobs/cold/config", "{\"itemRetries\":-1,\"itemTimeoutMillis\":\"soon\"}");
        JsonObject negativeErrors = JsonParser.parseString(negative.body()).getAsJsonObject().getAsJsonObject("fieldErrors");
        assertThat(negativeErrors.get("itemRetries").getAsString()).startsWith("Invalid 'itemRetries': -1;");
        assertThat(negativeErrors.get("itemTimeoutMillis").getAsString()).isEqualTo("Must be a whole number");
        assertThat(stored("cold").getDescription()).isEmpty();

        HttpResponse<String> saved = admin.put(API + "/jobs/cold/config",
                "{\"itemRetries\":\"3\",\"itemRetryBackoffMillis\":250,\"itemTimeoutMillis\":604800000,\"keepCheckpointOnSuccess\":true}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("itemTimeoutMillis").getAsLong()).isEqualTo(604_800_000L);
        JobConfiguration stored = stored("cold");
        assertThat(stored.getItemRetries()).isEqualTo(3);
        assertThat(stored.getItemRetryBackoffMillis()).isEqualTo(250);
        assertThat(stored.getItemTimeoutMillis()).isEqualTo(604_800_000L);
        assertThat(stored.isKeepCheckpointOnSuccess()).isTrue();
        assertThat(stored.getCron()).as("fields not sent keep their value").isEqualTo("0 0 3 * * ?");
        assertThat(guest.put(API + "/jobs/cold/config", "{\"itemRetries\":1}").statusCode()).isEqualTo(403);
    }

    @Test
    void itemConditionsTellOverdueWithReasonAndStartNoLiveOwnerMisfireFailoverAndCheckpoint() {
        JsonArray items = json(guest.get(API + "/jobs/cold")).getAsJsonArray("items");
        assertThat(items.get(0).getAsJsonObject().get("overdue").getAsBoolean()).isTrue();
        assertThat(items.get(0).getAsJsonObject().get("checkpoint").getAsBoolean()).isTrue();
        assertThat(items.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("SHARDING_FLAG");

        JsonObject activity = json(guest.get(API + "/jobs/cold/activity"));
        JsonObject first = conditions(activity, 0);
        assertThat(first.get("running").getAsBoolean()).isFalse();
        assertThat(first.get("noLiveOwner").getAsBoolean()).isTrue();
        assertThat(first.get("misfirePending").getAsBoolean()).isTrue();
        assertThat(first.get("failover").getAsBoolean()).isTrue();
        assertThat(first.get("checkpoint").getAsBoolean()).isTrue();
        JsonObject overdue = first.getAsJsonObject("overdue");
        assertThat(overdue.get("reason").getAsString()).isEqualTo("TIMEOUT");
        assertThat(overdue.get("instanceId").getAsString()).isEqualTo(DEAD);
        assertThat(overdue.get("since").getAsString()).isEqualTo(Instant.ofEpochMilli(SINCE).toString());
        assertThat(signals(activity, 0)).contains("OVERDUE: Overdue (started " + Instant.ofEpochMilli(SINCE)
                + "): it runs past its timeout (itemTimeoutMillis) and ignores the interrupt, on " + DEAD)
                .contains("NO_LIVE_OWNER: Its owner " + DEAD + " is not a live instance");

        JsonObject second = conditions(activity, 1);
        assertThat(second.getAsJsonObject("overdue").get("reason").getAsString()).isEqualTo("USUAL_DURATION");
        assertThat(second.get("misfirePending").getAsBoolean()).isFalse();
        assertThat(second.get("failover").getAsBoolean()).isFalse();
        JsonObject third = conditions(activity, 2);
        assertThat(third.getAsJsonObject("overdue").get("reason").getAsString()).as("a mark written by hand").isEqualTo("UNKNOWN");
        assertThat(third.getAsJsonObject("overdue").get("since").isJsonNull()).isTrue();
        assertThat(third.get("noLiveOwner").getAsBoolean()).as("a disabled item waits for no owner").isFalse();
        assertThat(third.get("checkpoint").getAsBoolean()).isFalse();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> conditions(json(guest.get(API + "/jobs/resumable/activity")), 1)
                .get("running").getAsBoolean());
        JsonObject live = conditions(json(guest.get(API + "/jobs/resumable/activity")), 1);
        assertThat(live.get("noLiveOwner").getAsBoolean()).isFalse();
        assertThat(live.get("overdue").isJsonNull()).isTrue();
    }

    @Test
    void theJobTellsWhenItsCronWasLastDueBesidesItsNextFire() {
        JsonObject job = json(guest.get(API + "/jobs/resumable/activity")).getAsJsonObject("job");
        Instant lastDue = Instant.parse(job.get("lastScheduledFire").getAsString());
        Instant next = Instant.parse(job.get("nextFire").getAsString());
        assertThat(lastDue).isBefore(next).isAfter(Instant.now().minusSeconds(5));
        assertThat(Duration.between(lastDue, next)).isEqualTo(Duration.ofSeconds(1));
        assertThat(job.get("lastFire").isJsonNull()).as("without the event-trace database").isTrue();
        JsonObject cold = json(guest.get(API + "/activity")).getAsJsonObject("jobs").getAsJsonObject("cold");
        assertThat(Instant.parse(cold.get("lastScheduledFire").getAsString()).toString()).endsWith("T03:00:00Z");
    }

    @Test
    void aCheckpointIsReadByEveryoneAndClearedByAnAdminOnly() {
        String path = API + "/jobs/resumable/items/0/checkpoint";
        await().atMost(WAIT).until(() -> guest.get(path).statusCode() == 200);
        JsonObject checkpoint = json(guest.get(path));
        assertThat(checkpoint.get("item").getAsInt()).isZero();
        assertThat(checkpoint.get("checkpoint").getAsString()).isEqualTo("offset-42");
        assertThat(checkpoint.get("instanceId").getAsString()).contains("@-@");
        assertThat(checkpoint.get("fencingToken").getAsLong()).isPositive();
        assertThat(Instant.parse(checkpoint.get("savedAt").getAsString())).isBefore(Instant.now()).isAfter(Instant.now().minusSeconds(60));

        assertErrorBody(guest.delete(path), 403, "Forbidden");
        assertErrorBody(new ConsoleClient(fixture.baseUrl()).get(path), 401, "Not logged in");
        ConsoleClient noCsrf = new ConsoleClient(fixture.baseUrl());
        noCsrf.login("admin", ADMIN_PASSWORD);
        assertErrorBody(noCsrf.withoutCsrf().delete(path), 403, "CSRF");
        assertErrorBody(guest.get(API + "/jobs/resumable/items/1/checkpoint"), 404, "Item 1 of job 'resumable' has no checkpoint");
        assertErrorBody(guest.get(API + "/jobs/resumable/items/2/checkpoint"), 404, "has items 0 to 1");
        assertErrorBody(guest.get(API + "/jobs/nope/items/0/checkpoint"), 404, "No job named 'nope'");
        HttpResponse<String> notANumber = guest.get(API + "/jobs/resumable/items/x/checkpoint");
        assertErrorBody(notANumber, 400, "item");
        assertThat(JsonParser.parseString(notANumber.body()).getAsJsonObject().getAsJsonObject("fieldErrors").has("item")).isTrue();

        Logger log = (Logger) LoggerFactory.getLogger(Checkpoints.class);
        ListAppender<ILoggingEvent> audit = new ListAppender<>();
        audit.start();
        log.addAppender(audit);
        try {
            assertThat(admin.delete(path).statusCode()).isEqualTo(204);
        } finally {
            log.detachAppender(audit);
        }
        assertThat(audit.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("User 'admin' cleared the checkpoint of job 'resumable' item 0 (registry center 'test'): it was saved by ")
                .contains("fencing token " + checkpoint.get("fencingToken").getAsLong()).endsWith(", 9 characters"));
        assertErrorBody(guest.get(path), 404, "has no checkpoint");
        assertErrorBody(admin.delete(path), 404, "has no checkpoint");
        assertThat(json(guest.get(API + "/jobs/resumable")).getAsJsonArray("items").get(0).getAsJsonObject().get("checkpoint").getAsBoolean())
                .isFalse();
    }

    @Test
    void aCheckpointWrittenByHandReadsAsItsText() {
        JsonObject byHand = json(guest.get(API + "/jobs/cold/items/1/checkpoint"));
        assertThat(byHand.get("checkpoint").getAsString()).isEqualTo("written by hand");
        assertThat(byHand.get("instanceId").getAsString()).isEmpty();
        assertThat(byHand.get("fencingToken").getAsLong()).isZero();
        assertThat(byHand.get("savedAt").isJsonNull()).isTrue();
        JsonObject stored = json(guest.get(API + "/jobs/cold/items/0/checkpoint"));
        assertThat(stored.get("checkpoint").getAsString()).isEqualTo("page=7");
        assertThat(stored.get("fencingToken").getAsLong()).isEqualTo(8_589_934_601L);
        assertThat(stored.get("savedAt").getAsString()).isEqualTo(Instant.ofEpochMilli(SINCE).toString());
    }

    // ---------------------------------------------------------------- helpers

    private static JobConfiguration stored(String job) {
        try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(zk)) {
            return api.getJobConfiguration(job);
        }
    }

    private static JsonObject conditions(JsonObject activity, int item) {
        return activity.getAsJsonArray("items").get(item).getAsJsonObject().getAsJsonObject("conditions");
    }

    private static java.util.List<String> signals(JsonObject activity, int item) {
        JsonArray signals = activity.getAsJsonArray("items").get(item).getAsJsonObject().getAsJsonArray("signals");
        return signals.asList().stream().map(each -> each.getAsJsonObject().get("kind").getAsString() + ": "
                + each.getAsJsonObject().get("message").getAsString()).toList();
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertErrorBody(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.keySet()).containsExactly("status", "error", "fieldErrors");
        assertThat(body.get("status").getAsInt()).isEqualTo(status);
        assertThat(body.get("error").getAsString()).contains(message);
        assertThat(response.body()).doesNotContain("Exception");
    }
}
