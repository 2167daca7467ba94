package io.cronshard.internal.jobtype;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.JobExecutionException;
import io.cronshard.api.ShardingContext;
import io.cronshard.executor.TypedJobItemExecutor;
import io.cronshard.internal.common.NamedDaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@code SCRIPT} job type: for each item, runs the command of the job property
 * {@value #COMMAND_LINE} with the item's sharding context appended as one last argument, a JSON
 * object ({@code jobName}, {@code taskId}, {@code shardingTotalCount}, {@code jobParameter},
 * {@code shardingItem}, {@code shardingParameter}, {@code fencingToken}).
 *
 * <p>The command line is split into arguments by Cronshard (whitespace separates, single or
 * double quotes group, no escapes) and started directly, never through a shell; use
 * {@code sh -c '…'} in the property itself for shell syntax. The process's standard output is
 * logged at INFO and its standard error at WARN, line by line, with the job and the item; its
 * standard input is closed at once.
 *
 * <p>The item fails (the job's error handler gets the exception) when the command cannot be
 * started, exits with a non-zero code, or runs longer than {@value #TIMEOUT_SECONDS} (default
 * {@code 0}: no limit); then, and when the item's thread is interrupted (the instance lost
 * ZooKeeper, or shut down and its running items outlived the shutdown wait), the process and
 * its descendants get SIGTERM and, 2 seconds later, SIGKILL.
 */
public final class ScriptJobExecutor implements TypedJobItemExecutor {

    /** Job property: the command to run (required). */
    public static final String COMMAND_LINE = "script.command.line";
    /** Job property: the longest run in seconds, {@code 0} (the default) for no limit. */
    public static final String TIMEOUT_SECONDS = "script.timeout.seconds";

    static final long KILL_GRACE_MILLIS = 2_000L;
    private static final long KILL_POLL_MILLIS = 20L;
    /** How long output is still read after the process ended (a background child may hold it). */
    private static final long OUTPUT_DRAIN_MILLIS = 2_000L;
    private static final int MAX_LOGGED_LINE = 8_192;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptJobExecutor.class);

    /** Reads the output of the job's processes; holds no thread while the job is idle. */
    private final ThreadPoolExecutor outputPumps = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new NamedDaemonThreads("cronshard-script-output"));

    /** Creates the executor; ServiceLoader calls this. */
    public ScriptJobExecutor() {
    }

    @Override
    public String getType() {
        return "SCRIPT";
    }

    @Override
    public void validate(JobConfiguration config) {
        Settings.of(config);
    }

    @Override
    public void execute(JobConfiguration config, ShardingContext context) throws Exception {
        Settings settings = Settings.of(config);
        String job = context.getJobName();
        int item = context.getShardingItem();
        List<String> command = new ArrayList<>(settings.command());
        command.add(ShardingContextJson.toJson(context));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException ex) {
            throw new JobExecutionException("Job '" + job + "' item " + item + ": cannot start " + settings.command().get(0)
                    + ": " + ex.getMessage(), ex);
        }
        boolean ended = false;
        try {
            closeQuietly(process.getOutputStream());
            awaitExit(process, settings, job, item);
            ended = true;
        } finally {
            if (!ended && process.isAlive()) {
                // an unexpected error here must not leave the process behind
                destroyTree(process);
            }
        }
        LOG.debug("Job '{}' item {}: {} exited with code 0", job, item, settings.command().get(0));
    }

    /** Streams the output, waits for the exit within the timeout, and fails the item unless the code is 0. */
    private void awaitExit(Process process, Settings settings, String job, int item) throws InterruptedException {
        LOG.debug("Job '{}' item {}: started {} (pid {})", job, item, settings.command().get(0), process.pid());
        Charset charset = nativeCharset();
        Future<?> stdout = outputPumps.submit(() -> pump(process.getInputStream(), charset,
                line -> LOG.info("Job '{}' item {} stdout: {}", job, item, line)));
        Future<?> stderr = outputPumps.submit(() -> pump(process.getErrorStream(), charset,
                line -> LOG.warn("Job '{}' item {} stderr: {}", job, item, line)));
        boolean exited;
        try {
            if (settings.timeoutSeconds() > 0) {
                exited = process.waitFor(settings.timeoutSeconds(), TimeUnit.SECONDS);
            } else {
                process.waitFor();
                exited = true;
            }
        } catch (InterruptedException ex) {
            LOG.warn("Job '{}' item {}: interrupted; killing {} (pid {}) and its descendants", job, item, settings.command().get(0), process.pid());
            destroyTree(process);
            throw ex;
        }
        if (!exited) {
            destroyTree(process);
            awaitOutput(stdout, stderr, job, item);
            throw new JobExecutionException("Job '" + job + "' item " + item + ": " + settings.command().get(0) + " timed out after "
                    + settings.timeoutSeconds() + " s (" + TIMEOUT_SECONDS + ") and was killed",
                    new TimeoutException("script ran longer than " + settings.timeoutSeconds() + " s"));
        }
        awaitOutput(stdout, stderr, job, item);
        int exitCode = process.exitValue();
        if (exitCode != 0) {
            throw new JobExecutionException("Job '" + job + "' item " + item + ": " + settings.command().get(0)
                    + " exited with code " + exitCode, null);
        }
    }

    /**
     * SIGTERM to the process and every descendant it has now, SIGKILL to whatever still lives
     * after the grace period. Descendants are listed first: once their parent is gone they no
     * longer descend from it. They are polled: the JDK polls a process that is not our child
     * every 300 ms or more, which would hold the item for nothing.
     */
    static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MILLIS);
        boolean interrupted = false;
        while (tree.stream().anyMatch(ScriptJobExecutor::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(KILL_POLL_MILLIS);
            } catch (InterruptedException ex) {
                interrupted = true;
                break;
            }
        }
        tree.stream().filter(ScriptJobExecutor::running).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the process still runs. A killed descendant whose parent died first is a zombie until
     * the process that inherits it reaps it, which can take seconds (or forever when the JVM is
     * PID 1 of a container); {@link ProcessHandle#isAlive()} counts zombies as alive, so on Linux
     * the state in {@code /proc} decides.
     */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException ex) {
            return handle.isAlive();
        }
    }

    private static void awaitOutput(Future<?> stdout, Future<?> stderr, String job, int item) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTPUT_DRAIN_MILLIS);
        for (Future<?> each : List.of(stdout, stderr)) {
            try {
                each.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                LOG.debug("Job '{}' item {}: output still open after the process ended (a background process holds it)", job, item);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ex) {
                LOG.debug("Job '{}' item {}: reading output failed", job, item, ex.getCause());
            }
        }
    }

    /** Logs each line; a line longer than {@value #MAX_LOGGED_LINE} characters is logged in parts. */
    private static void pump(InputStream stream, Charset charset, Consumer<String> log) {
        try (Reader reader = new InputStreamReader(stream, charset)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[4096];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line, log);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LOGGED_LINE) {
                            emit(line, log);
                        }
                    }
                }
            }
            if (line.length() > 0) {
                emit(line, log);
            }
        } catch (IOException ex) {
            // the stream was closed: the process is gone
        }
    }

    private static void emit(StringBuilder line, Consumer<String> log) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        log.accept(line.substring(0, end));
        line.setLength(0);
    }

    private static Charset nativeCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException ex) {
            return Charset.defaultCharset();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ex) {
            // the process does not read its input
        }
    }

    /** The job's script properties, checked. */
    record Settings(List<String> command, int timeoutSeconds) {

        static Settings of(JobConfiguration config) {
            String commandLine = config.getProperty(COMMAND_LINE);
            if (commandLine == null || commandLine.isBlank()) {
                throw JobConfigurationException.invalid(COMMAND_LINE, commandLine,
                        "a SCRIPT job needs the command to run, e.g. '/opt/jobs/report.sh --verbose'");
            }
            List<String> command;
            try {
                command = CommandLine.split(commandLine);
            } catch (IllegalArgumentException ex) {
                throw JobConfigurationException.invalid(COMMAND_LINE, commandLine,
                        ex.getMessage() + " (arguments are separated by whitespace and grouped by single or double quotes)");
            }
            int timeout = JobProperties.integer(config, TIMEOUT_SECONDS, 0, 0, "a whole number of seconds >= 0 (0: no limit)");
            return new Settings(List.copyOf(command), timeout);
        }
    }
}
