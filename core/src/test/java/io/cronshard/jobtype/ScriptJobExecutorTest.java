package io.cronshard.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.api.ShardingContext;
import io.cronshard.internal.jobtype.ScriptJobExecutor;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The SCRIPT job type on its own: validation, arguments, exit codes, timeouts, interrupts and output. */
@DisabledOnOs(OS.WINDOWS)
class ScriptJobExecutorTest {

    @TempDir
    Path dir;

    private final ScriptJobExecutor executor = new ScriptJobExecutor();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        caller.shutdownNow();
    }

    private static JobConfiguration script(String commandLine) {
        return script(commandLine, null);
    }

    private static JobConfiguration script(String commandLine, String timeoutSeconds) {
        JobConfiguration.Builder builder = JobConfiguration.newBuilder("script-job", 4);
        if (commandLine != null) {
            builder.setProperty(ScriptJobExecutor.COMMAND_LINE, commandLine);
        }
        if (timeoutSeconds != null) {
            builder.setProperty(ScriptJobExecutor.TIMEOUT_SECONDS, timeoutSeconds);
        }
        return builder.build();
    }

    private static ShardingContext item(int item) {
        return new ShardingContext("script-job", "task-1", 4, "nightly run", item, "param-" + item, 77L);
    }

    /** Writes an executable shell script into a folder whose name has a space, to need quoting. */
    private Path shellScript(String name, String body) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("my scripts"));
        Path result = folder.resolve(name);
        Files.writeString(result, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(result, PosixFilePermissions.fromString("rwx------"));
        return result;
    }

    private static List<Long> pids(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(each -> each.getFileName().toString().startsWith(prefix))
                    .map(each -> {
                        try {
                            return Long.parseLong(Files.readString(each).trim());
                        } catch (IOException | NumberFormatException ex) {
                            return -1L;
                        }
                    })
                    .filter(pid -> pid > 0)
                    .toList();
        }
    }

    /** Whether the process runs; a zombie (killed, waiting for a slow reaper to collect it) does not. */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException ex) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    // ------------------------------------------------------------------ validation

    @Test
    void aMissingCommandLineIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> executor.validate(script(null)))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line")
                .hasMessageContaining("SCRIPT job needs the command");
    }

    @Test
    void aBlankCommandLineIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> executor.validate(script("   ")))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line");
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingThePropertyAndThePosition() {
        assertThatThrownBy(() -> executor.validate(script("/opt/run.sh 'oops")))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line")
                .hasMessageContaining("/opt/run.sh 'oops")
                .hasMessageContaining("position 12 is not closed");
    }

    @Test
    void aTimeoutThatIsNotAWholeNumberOfSecondsAtLeastZeroIsRefusedNamingTheProperty() {
        for (String bad : List.of("-1", "abc", "1.5", "99999999999")) {
            assertThatThrownBy(() -> executor.validate(script("/opt/run.sh", bad)))
                    .as(bad)
                    .isInstanceOf(JobConfigurationException.class)
                    .hasMessageContaining("script.timeout.seconds")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining(">= 0");
        }
    }

    @Test
    void aValidCommandAndTimeoutAreAccepted() {
        executor.validate(script("/opt/run.sh --all 'two words'", "0"));
        executor.validate(script("/opt/run.sh", " 30 "));
    }

    @Test
    void anInvalidPropertyChangedAtRunTimeFailsTheItemWithTheSameMessage() {
        assertThatThrownBy(() -> executor.execute(script(null), item(0)))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("script.command.line");
    }

    // ------------------------------------------------------------------ execution

    @Test
    void theArgumentsAreSplitWithoutAShellAndTheContextIsTheLastArgumentAsJson() throws Exception {
        Path out = dir.resolve("args.txt");
        Path script = shellScript("args.sh", "printf '%s\\n' \"$#\" \"$@\" > \"$1\"");

        executor.execute(script("'" + script + "' " + out + " 'two words' \"$HOME\" '*'"), item(2));

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 5)).containsExactly("5", out.toString(), "two words", "$HOME", "*");
        JsonObject json = JsonParser.parseString(lines.get(5)).getAsJsonObject();
        assertThat(json.get("jobName").getAsString()).isEqualTo("script-job");
        assertThat(json.get("taskId").getAsString()).isEqualTo("task-1");
        assertThat(json.get("shardingTotalCount").getAsInt()).isEqualTo(4);
        assertThat(json.get("jobParameter").getAsString()).isEqualTo("nightly run");
        assertThat(json.get("shardingItem").getAsInt()).isEqualTo(2);
        assertThat(json.get("shardingParameter").getAsString()).isEqualTo("param-2");
        assertThat(json.get("fencingToken").getAsLong()).isEqualTo(77L);
    }

    @Test
    void aContextWithShellCharactersIsPassedVerbatimAndNeverRunByAShell() throws Exception {
        Path out = dir.resolve("context.txt");
        Path marker = dir.resolve("pwned");
        Path script = shellScript("context.sh", "printf '%s' \"$2\" > \"$1\"");
        ShardingContext hostile = new ShardingContext("script-job", "t", 1, "x'; touch " + marker + "; echo '$(touch " + marker + ")`touch "
                + marker + "`", 0, "", 1L);

        executor.execute(script("'" + script + "' '" + out + "'"), hostile);

        assertThat(JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject().get("jobParameter").getAsString())
                .isEqualTo(hostile.getJobParameter());
        assertThat(marker).doesNotExist();
    }

    @Test
    void aNonZeroExitFailsTheItemNamingTheCodeTheJobAndTheItem() throws Exception {
        Path script = shellScript("fail.sh", "exit 7");

        assertThatThrownBy(() -> executor.execute(script("'" + script + "'"), item(3)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("exited with code 7")
                .hasMessageContaining("Job 'script-job'")
                .hasMessageContaining("item 3");
    }

    @Test
    void aCommandThatCannotStartFailsTheItem() {
        String missing = dir.resolve("no-such-script").toString();

        assertThatThrownBy(() -> executor.execute(script(missing), item(1)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("cannot start " + missing)
                .hasMessageContaining("item 1");
    }

    @Test
    void standardOutputIsLoggedAtInfoAndStandardErrorAtWarnLineByLineWithTheJobAndTheItem() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ScriptJobExecutor.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Path script = shellScript("talk.sh", "echo first; echo second; echo 'bad news' >&2; printf 'no newline'");

            executor.execute(script("'" + script + "'"), item(1));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(appender.list)
                    .extracting(event -> event.getLevel() + " " + event.getFormattedMessage())
                    .contains("INFO Job 'script-job' item 1 stdout: first",
                            "INFO Job 'script-job' item 1 stdout: second",
                            "INFO Job 'script-job' item 1 stdout: no newline",
                            "WARN Job 'script-job' item 1 stderr: bad news"));
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aScriptRunningPastItsTimeoutIsKilledWithItsChildrenAndFailsTheItem() throws Exception {
        Path pids = Files.createDirectory(dir.resolve("pids"));
        Path script = shellScript("slow.sh", "sleep 60 & echo $! > \"$1/child\"; echo $$ > \"$1/parent\"; wait");
        long start = System.nanoTime();

        assertThatThrownBy(() -> executor.execute(script("'" + script + "' '" + pids + "'", "1"), item(0)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("timed out after 1 s")
                .hasMessageContaining("script.timeout.seconds")
                .hasMessageContaining("item 0");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        List<Long> started = pids(pids, "");
        assertThat(started).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).noneMatch(ScriptJobExecutorTest::alive));
    }

    @Test
    void aScriptThatIgnoresTheTerminationSignalIsKilledAfterTheGracePeriod() throws Exception {
        Path pids = Files.createDirectory(dir.resolve("pids"));
        Path script = shellScript("stubborn.sh", "trap '' TERM; sleep 60 & echo $! > \"$1/child\"; echo $$ > \"$1/parent\"; wait");

        assertThatThrownBy(() -> executor.execute(script("'" + script + "' '" + pids + "'", "1"), item(0)))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("timed out");

        List<Long> started = pids(pids, "");
        assertThat(started).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).noneMatch(ScriptJobExecutorTest::alive));
    }

    @Test
    void aScriptWithinItsTimeoutSucceeds() throws Exception {
        Path script = shellScript("quick.sh", "exit 0");

        executor.execute(script("'" + script + "'", "30"), item(0));
    }

    @Test
    void anInterruptedItemKillsItsScriptAndChildrenAndEndsWithInterruptedException() throws Exception {
        Path pids = Files.createDirectory(dir.resolve("pids"));
        Path script = shellScript("hang.sh", "sleep 60 & echo $! > \"$1/child\"; echo $$ > \"$1/parent\"; wait");
        Future<?> running = caller.submit(() -> {
            executor.execute(script("'" + script + "' '" + pids + "'"), item(1));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pids(pids, "").size() == 2);
        List<Long> started = pids(pids, "");

        running.cancel(true);
        caller.shutdown();

        assertThat(caller.awaitTermination(10, TimeUnit.SECONDS)).as("the item ended after its interrupt").isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).noneMatch(ScriptJobExecutorTest::alive));
    }

    @Test
    void theInterruptReachesTheCallerAsInterruptedException() throws Exception {
        Path script = shellScript("hang2.sh", "echo started > \"$1\"; sleep 60");
        Path started = dir.resolve("started");
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<?> running = caller.submit(() -> {
            worker.set(Thread.currentThread());
            executor.execute(script("'" + script + "' '" + started + "'"), item(1));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));

        worker.get().interrupt();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
    }
}
