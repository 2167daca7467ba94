package io.cronshard.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A job instance in its own JVM (running {@link ChildJobMain} from the test classpath), so that
 * a test can kill it for real with {@code kill -9}. The child reports on its standard output in
 * lines starting with {@value ChildJobMain#PREFIX}: {@code READY <instanceId>}, and
 * {@code START <item> <epochMillis> <source>} as each item starts. Another program can run instead
 * ({@link #start(Class, String...)}), reporting its own lines with the same prefix.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child JVM running one instance of a job.
     *
     * @param args the arguments of {@link ChildJobMain#main(String[])}
     * @return the child
     * @throws IOException when the JVM cannot start
     */
    public static ChildJvm start(String... args) throws IOException {
        return start(ChildJobMain.class, args);
    }

    /**
     * Starts a child JVM running another program from the test classpath, e.g. {@link ChildCheckpointJobMain}.
     *
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @return the child
     * @throws IOException when the JVM cannot start
     */
    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                if (line.startsWith(ChildJobMain.PREFIX)) {
                    reports.add(line.substring(ChildJobMain.PREFIX.length()));
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    /**
     * @param timeout how long to wait
     * @return the child's instance id once it has scheduled its job
     */
    public String awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String each : reports) {
                if (each.startsWith("READY ")) {
                    return each.substring("READY ".length());
                }
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The child JVM did not get ready; its output:\n" + String.join("\n", output));
    }

    /** @return the items the child started, as {@code item epochMillis source} lines */
    public List<String> starts() {
        List<String> result = new ArrayList<>();
        for (String each : reports) {
            if (each.startsWith("START ")) {
                result.add(each.substring("START ".length()));
            }
        }
        return result;
    }

    /**
     * @param kind the first word of a report, e.g. {@code SAVED}
     * @return the reports of that kind so far, without the word, in the order the child wrote them
     */
    public List<String> reports(String kind) {
        List<String> result = new ArrayList<>();
        for (String each : reports) {
            if (each.startsWith(kind + " ")) {
                result.add(each.substring(kind.length() + 1));
            }
        }
        return result;
    }

    /** @return everything the child wrote so far, for a failure message */
    public String output() {
        return String.join("\n", output);
    }

    /** Kills the child with SIGKILL: no shutdown hook, no graceful anything. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
