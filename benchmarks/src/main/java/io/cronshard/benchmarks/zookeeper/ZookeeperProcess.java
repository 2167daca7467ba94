package io.cronshard.benchmarks.zookeeper;

import io.cronshard.benchmarks.process.JavaProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A standalone ZooKeeper server ({@code org.apache.zookeeper.server.ZooKeeperServerMain}) in a
 * child JVM of its own, so that its threads, heap and CPU are not counted as the benchmark's.
 * Four-letter commands are enabled, the admin server is off, data goes to a temporary
 * directory, and the server's log goes to a file beside it; {@link #close()} deletes both.
 */
public final class ZookeeperProcess implements ZookeeperServers {

    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperProcess.class);

    /** The default tick: sessions may last from 2 to 20 ticks, here 1 s to 10 s. */
    public static final int DEFAULT_TICK_MILLIS = 500;

    private final int port;
    private final int tickMillis;
    private final Path dataDir;
    private final Path log;
    private final JavaProcess process;
    private final FourLetterWords words;

    private ZookeeperProcess(int port, int tickMillis, Path dataDir, Path log, JavaProcess process) {
        this.port = port;
        this.tickMillis = tickMillis;
        this.dataDir = dataDir;
        this.log = log;
        this.process = process;
        this.words = new FourLetterWords("127.0.0.1", port);
    }

    /**
     * Starts a server on a free port and waits until it answers.
     *
     * @param tickMillis the server's tick
     * @return the running server
     * @throws IOException when it cannot start
     * @throws InterruptedException when interrupted while waiting
     */
    public static ZookeeperProcess start(int tickMillis) throws IOException, InterruptedException {
        int port = freePort();
        Path dataDir = Files.createTempDirectory("cronshard-bench-zk-");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        JavaProcess process = JavaProcess.of("org.apache.zookeeper.server.ZooKeeperServerMain")
                .jvmArgs("-Xmx512m", "-XX:+UseG1GC",
                        "-Dzookeeper.4lw.commands.whitelist=*",
                        "-Dzookeeper.admin.enableServer=false",
                        "-Dlogback.configurationFile=cronshard-benchmarks-zookeeper-logback.xml")
                // port, data dir, tick, max connections per client address (0: unlimited)
                .args(String.valueOf(port), dataDir.toString(), String.valueOf(tickMillis), "0")
                .logTo(log)
                .start("zookeeper");
        ZookeeperProcess result = new ZookeeperProcess(port, tickMillis, dataDir, log, process);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!result.words.isServing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = Files.exists(log) ? Files.readString(log) : "";
                result.close();
                throw new IOException("ZooKeeper did not start; its output:\n" + output);
            }
            Thread.sleep(50);
        }
        LOG.info("ZooKeeper started in its own JVM on port {} (tick {} ms, data {}, log {}): {}",
                port, tickMillis, dataDir, log, result.words.ask("srvr").lines().findFirst().orElse(""));
        return result;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** @return {@code 127.0.0.1:port} */
    @Override
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    /** @return the server's client port on 127.0.0.1 */
    public int port() {
        return port;
    }

    @Override
    public java.util.List<Integer> ports() {
        return java.util.List.of(port);
    }

    @Override
    public java.util.List<FourLetterWords> servers() {
        return java.util.List.of(words);
    }

    /** @return the server's tick in milliseconds */
    @Override
    public int tickMillis() {
        return tickMillis;
    }

    /** @return the server's counters */
    public FourLetterWords words() {
        return words;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
        log.toFile().delete();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(each -> each.toFile().delete());
        } catch (IOException | UncheckedIOException ex) {
            LOG.debug("Cannot delete {}", dataDir, ex);
        }
    }
}
