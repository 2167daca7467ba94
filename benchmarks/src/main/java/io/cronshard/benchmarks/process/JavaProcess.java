package io.cronshard.benchmarks.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Java main class running in a child JVM with this JVM's java and class path. Its standard
 * error goes where this JVM's goes (or to a file); its standard output is either passed through
 * or kept line by line for {@link #awaitLine}.
 */
public final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Consumer<String> listener;
    private final boolean keep;

    private JavaProcess(String name, Process process, boolean capture, boolean keep, Consumer<String> listener) {
        this.name = name;
        this.process = process;
        this.keep = keep;
        this.listener = listener;
        if (capture) {
            Thread reader = new Thread(this::read, name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** How to start a child JVM. */
    public static final class Builder {

        private final String mainClass;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Path logFile;
        private boolean capture;
        private Consumer<String> listener;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /**
         * @param values JVM options such as {@code -Xmx256m} or {@code -Dkey=value}
         * @return this
         */
        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        /**
         * @param values the main class's arguments
         * @return this
         */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /**
         * @param file where both output streams go, instead of this JVM's console
         * @return this
         */
        public Builder logTo(Path file) {
            logFile = file;
            return this;
        }

        /**
         * Keeps standard output for {@link JavaProcess#awaitLine} instead of passing it through.
         *
         * @return this
         */
        public Builder captureOutput() {
            capture = true;
            return this;
        }

        /**
         * Hands each line of standard output to a listener (on the child's reader thread) instead
         * of passing it through; the lines are not kept unless {@link #captureOutput()} is also asked.
         *
         * @param lineListener called with every line, in order
         * @return this
         */
        public Builder onOutputLine(Consumer<String> lineListener) {
            listener = lineListener;
            return this;
        }

        /**
         * @param name a short name for thread names and messages
         * @return the started child
         * @throws IOException when the JVM cannot start
         */
        public JavaProcess start(String name) throws IOException {
            Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmArgs);
            // extra options for every child, e.g. a flight recording: -Dcronshard.bench.childJvmArgs="-XX:StartFlightRecording=..."
            String extra = System.getProperty("cronshard.bench.childJvmArgs", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command);
            if (logFile != null) {
                builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
            } else {
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
                builder.redirectOutput(capture || listener != null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
            }
            return new JavaProcess(name, builder.start(), (capture || listener != null) && logFile == null, capture, listener);
        }
    }

    /**
     * @param mainClass the class whose {@code main} the child runs
     * @return a builder
     */
    public static Builder of(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    /**
     * @param mainClass the fully qualified name of the class whose {@code main} the child runs
     * @return a builder
     */
    public static Builder of(String mainClass) {
        return new Builder(mainClass);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (keep) {
                    lines.add(line);
                }
                if (listener != null) {
                    listener.accept(line);
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    /**
     * @param match what the line must satisfy
     * @param timeout how long to wait
     * @return the first captured line that matches
     * @throws IllegalStateException when none came in time or the child ended first
     */
    public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String each : lines) {
                if (match.test(each)) {
                    return each;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Child JVM '" + name + "' gave no expected line within " + timeout + "; it wrote: " + lines);
    }

    /** @return every line captured so far */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits for the child to exit by itself.
     *
     * @param timeout how long to wait
     * @return its exit code
     * @throws IllegalStateException when it is still running after the timeout (it is then killed)
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
            throw new IllegalStateException("Child JVM '" + name + "' did not end within " + timeout);
        }
        return process.exitValue();
    }

    /**
     * Writes a line to the child's standard input.
     *
     * @param line what to send
     * @throws IllegalStateException when the child no longer reads
     */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot write to child JVM '" + name + "'", ex);
        }
    }

    /**
     * Asks the child to end by closing its standard input (children that read it take that as
     * their signal to clean up and exit), waits, and kills it if it does not.
     *
     * @param timeout how long to wait
     * @return whether it ended by itself
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill9();
        return false;
    }

    /** Kills the child with SIGKILL: no shutdown hook, nothing graceful. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** @return whether the child still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
