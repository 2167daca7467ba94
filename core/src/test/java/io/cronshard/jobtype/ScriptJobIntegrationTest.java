package io.cronshard.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.testsupport.EmbeddedZookeeper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SCRIPT jobs against a real ZooKeeper with two instances: every item runs its script once with
 * its own context, a non-zero exit and a timeout reach the error handler, and a job without a
 * command is refused before anything is stored.
 */
@DisabledOnOs(OS.WINDOWS)
class ScriptJobIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    /**
     * $1: where to record, $2: a label with a space, $3: the item that exits 3 (-1: none), $4: the
     * context. Each run records its arguments in a file of its own, renamed into place when complete.
     */
    private static final String RECORD_SCRIPT = String.join("\n",
            "#!/bin/sh",
            "part=\"$(mktemp \"$1/run.XXXXXX\")\"",
            "printf '%s\\n%s\\n' \"$2\" \"$4\" > \"$part\"",
            "mv \"$part\" \"$part.json\"",
            "case \"$4\" in *\"\\\"shardingItem\\\":$3,\"*) echo \"item $3 fails on purpose\" >&2; exit 3;; esac",
            "");

    /** $1: where to write the pids; sleeps much longer than any timeout of the tests. */
    private static final String SLEEP_SCRIPT = String.join("\n",
            "#!/bin/sh",
            "sleep 60 &",
            "part=\"$(mktemp \"$1/sleeper.XXXXXX\")\"",
            "echo $! > \"$part\"",
            "mv \"$part\" \"$part.pid\"",
            "wait",
            "");

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @TempDir
    Path dir;

    private TypedJobCluster cluster;
    private String namespace;
    private Path records;

    @BeforeEach
    void setUp() throws IOException {
        namespace = ZOOKEEPER.uniqueNamespace("script");
        cluster = new TypedJobCluster(ZOOKEEPER, namespace);
        records = Files.createDirectory(dir.resolve("records"));
    }

    @AfterEach
    void tearDown() {
        cluster.close();
        ZOOKEEPER.closeClients();
    }

    private Path script(String name, String text) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("job scripts"));
        Path result = folder.resolve(name);
        Files.writeString(result, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(result, PosixFilePermissions.fromString("rwx------"));
        return result;
    }

    private JobConfiguration recordingJob(String job, int failingItem) throws IOException {
        Path script = script("record.sh", RECORD_SCRIPT);
        return JobConfiguration.newBuilder(job, 4).cron(YEARLY)
                .shardingItemParameters("0=a,1=b,2=c,3=d").jobParameter("nightly run")
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("script.command.line", "\"" + script + "\" '" + records + "' 'two words' " + failingItem)
                .build();
    }

    /** @return the recorded contexts (each preceded by the label line), one per finished run */
    private List<List<String>> runs(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(each -> each.toString().endsWith(".json")).map(each -> {
                try {
                    return Files.readAllLines(each, StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).collect(Collectors.toList());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the pids the sleep scripts wrote */
    private static List<Long> pids(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(each -> each.getFileName().toString().endsWith(".pid")).map(each -> {
                try {
                    return Long.parseLong(Files.readString(each).trim());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
    }

    private static long countPidFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(each -> each.getFileName().toString().endsWith(".pid")).count();
        }
    }

    @Test
    void everyItemRunsItsScriptOnceAcrossTwoInstancesWithItsOwnContextAsTheLastArgument() throws Exception {
        cluster.start(2, "SCRIPT", recordingJob("script-each-item", -1));

        cluster.trigger("script-each-item");

        await().atMost(Duration.ofSeconds(20)).until(() -> runs(records).size() >= 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> runs(records).size() == 4);
        Map<Integer, JsonObject> byItem = new TreeMap<>();
        for (List<String> run : runs(records)) {
            assertThat(run).hasSize(2);
            assertThat(run.get(0)).isEqualTo("two words");
            JsonObject context = JsonParser.parseString(run.get(1)).getAsJsonObject();
            assertThat(byItem.put(context.get("shardingItem").getAsInt(), context)).as("item ran twice").isNull();
        }
        assertThat(byItem).containsOnlyKeys(0, 1, 2, 3);
        byItem.forEach((item, context) -> {
            assertThat(context.get("jobName").getAsString()).isEqualTo("script-each-item");
            assertThat(context.get("shardingTotalCount").getAsInt()).isEqualTo(4);
            assertThat(context.get("jobParameter").getAsString()).isEqualTo("nightly run");
            assertThat(context.get("shardingParameter").getAsString()).isEqualTo(String.valueOf((char) ('a' + item)));
            assertThat(context.get("fencingToken").getAsLong()).isPositive();
        });
        Set<String> taskIds = byItem.values().stream().map(context -> context.get("taskId").getAsString()).collect(Collectors.toSet());
        assertThat(taskIds).as("one run id per instance: both instances ran their share").hasSize(2);
        assertThat(RecordingJobErrorHandler.failures("script-each-item")).isEmpty();
    }

    @Test
    void aNonZeroExitIsAFailureOfThatItemOnlyHandedToTheErrorHandler() throws Exception {
        cluster.start(2, "SCRIPT", recordingJob("script-exit-code", 1));

        cluster.trigger("script-exit-code");

        await().atMost(Duration.ofSeconds(20)).until(() -> runs(records).size() == 4
                && !RecordingJobErrorHandler.failures("script-exit-code").isEmpty());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> RecordingJobErrorHandler.failures("script-exit-code").size() == 1);
        RecordingJobErrorHandler.Failure failure = RecordingJobErrorHandler.failures("script-exit-code").get(0);
        assertThat(failure.item()).isEqualTo(1);
        assertThat(failure.cause()).isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("Job 'script-exit-code' item 1")
                .hasMessageContaining("exited with code 3");
    }

    @Test
    void aScriptPastItsTimeoutIsKilledWithItsChildAndReportedAsAFailureOfEachItem() throws Exception {
        Path script = script("sleep.sh", SLEEP_SCRIPT);
        cluster.start(2, "SCRIPT", JobConfiguration.newBuilder("script-timeout", 2).cron(YEARLY)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("script.command.line", "'" + script + "' '" + records + "'")
                .setProperty("script.timeout.seconds", "1")
                .build());

        cluster.trigger("script-timeout");

        // the scripts sleep 60 s: failures well before that show the timeout killed them
        await().atMost(Duration.ofSeconds(20)).until(() -> RecordingJobErrorHandler.failures("script-timeout").size() == 2);
        assertThat(RecordingJobErrorHandler.failures("script-timeout")).extracting(RecordingJobErrorHandler.Failure::item)
                .containsExactlyInAnyOrder(0, 1);
        assertThat(RecordingJobErrorHandler.failures("script-timeout")).allSatisfy(failure -> assertThat(failure.cause())
                .hasMessageContaining("timed out after 1 s").hasMessageContaining("script.timeout.seconds"));
        assertThat(countPidFiles(records)).isEqualTo(2);
        List<Long> children = pids(records);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(children).noneMatch(ScriptJobExecutorTest::alive));
    }

    @Test
    void losingTheZookeeperSessionKillsTheRunningScriptsAndReportsTheInterruption() throws Exception {
        Path script = script("sleep.sh", SLEEP_SCRIPT);
        cluster.start(2, "SCRIPT", JobConfiguration.newBuilder("script-session-lost", 2).cron(YEARLY)
                .jobErrorHandlerType(RecordingJobErrorHandler.TYPE)
                .setProperty("script.command.line", "'" + script + "' '" + records + "'")
                // only a safety net: the session loss must end the scripts long before
                .setProperty("script.timeout.seconds", "45")
                .build());
        cluster.trigger("script-session-lost");
        await().atMost(Duration.ofSeconds(20)).until(() -> countPidFiles(records) == 2);
        List<Long> children = pids(records);

        cluster.expireSessions();

        await().atMost(Duration.ofSeconds(20)).until(() -> RecordingJobErrorHandler.failures("script-session-lost").size() == 2);
        assertThat(RecordingJobErrorHandler.failures("script-session-lost")).allSatisfy(failure ->
                assertThat(failure.cause()).isInstanceOf(InterruptedException.class));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(children).noneMatch(ScriptJobExecutorTest::alive));
    }

    @Test
    void aJobWithoutCommandIsRefusedBeforeAnythingIsStored() throws Exception {
        JobConfiguration noCommand = JobConfiguration.newBuilder("script-no-command", 2).cron(YEARLY).build();

        assertThatThrownBy(() -> new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), "SCRIPT", noCommand))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line");
        assertThatThrownBy(() -> new OneOffJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), "script",
                JobConfiguration.newBuilder("script-no-command", 2).setProperty("script.command.line", "run 'unclosed").build()))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line")
                .hasMessageContaining("not closed");
        assertThat(cluster.stored("script-no-command")).isFalse();
    }
}
