package io.cronshard.benchmarks.zookeeper;

import io.cronshard.benchmarks.process.JavaProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ZooKeeper ensemble (Curator's {@code TestingCluster}: real quorum peers) in one child JVM of
 * its own ({@link EnsembleMain}), so that its threads, heap and CPU are not counted as the
 * benchmark's. The servers share that JVM and the machine's one disk, so a write's quorum round
 * trip is over loopback: the figures show the protocol's cost (a proposal, acknowledgements
 * from a majority and a commit per write), not a network's.
 */
public final class ZookeeperEnsemble implements ZookeeperServers {

    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperEnsemble.class);

    private final List<Integer> ports;
    private final int tickMillis;
    private final JavaProcess process;
    private final List<FourLetterWords> servers;

    private ZookeeperEnsemble(List<Integer> ports, int tickMillis, JavaProcess process) {
        this.ports = ports;
        this.tickMillis = tickMillis;
        this.process = process;
        this.servers = ports.stream().map(each -> new FourLetterWords("127.0.0.1", each)).toList();
    }

    /**
     * Starts the servers and waits until each one serves.
     *
     * @param size how many servers (3 for the smallest ensemble that survives a server's loss)
     * @param tickMillis the servers' tick
     * @return the running ensemble
     * @throws IOException when it cannot start
     */
    public static ZookeeperEnsemble start(int size, int tickMillis) throws IOException, InterruptedException {
        JavaProcess process = JavaProcess.of(EnsembleMain.class)
                .jvmArgs("-Xmx768m", "-XX:+UseG1GC",
                        "-Dzookeeper.4lw.commands.whitelist=*",
                        "-Dzookeeper.admin.enableServer=false",
                        "-Dlogback.configurationFile=cronshard-benchmarks-zookeeper-logback.xml")
                .args(String.valueOf(size), String.valueOf(tickMillis))
                .captureOutput()
                .start("ensemble");
        String ready;
        try {
            ready = process.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(90));
        } catch (IllegalStateException ex) {
            process.close();
            throw new IOException("The ZooKeeper ensemble did not start: " + ex.getMessage(), ex);
        }
        List<Integer> ports = Arrays.stream(ready.substring("READY ".length()).trim().split(",")).map(Integer::parseInt).toList();
        ZookeeperEnsemble result = new ZookeeperEnsemble(new ArrayList<>(ports), tickMillis, process);
        LOG.info("ZooKeeper ensemble of {} started in its own JVM on ports {} (tick {} ms); modes {}", size, ports, tickMillis,
                result.servers.stream().map(ZookeeperEnsemble::mode).collect(Collectors.toList()));
        return result;
    }

    private static String mode(FourLetterWords words) {
        return words.ask("srvr").lines().filter(line -> line.startsWith("Mode:")).map(line -> line.substring(5).trim()).findFirst().orElse("?");
    }

    @Override
    public String connectString() {
        return ports.stream().map(each -> "127.0.0.1:" + each).collect(Collectors.joining(","));
    }

    @Override
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    @Override
    public List<FourLetterWords> servers() {
        return servers;
    }

    @Override
    public int tickMillis() {
        return tickMillis;
    }

    /**
     * The servers share one JVM, and ZooKeeper keeps the watch-trigger sums in a static
     * {@code ServerMetrics}, so every server's {@code mntr} shows the total of all three: read it once.
     */
    @Override
    public long watchNotifications() {
        return servers.get(0).watchNotifications();
    }

    /** Closes the ensemble (its data directories are deleted) and waits for its JVM to end. */
    @Override
    public void close() throws InterruptedException {
        if (!process.stop(Duration.ofSeconds(30))) {
            LOG.warn("The ensemble's JVM did not end within 30 s and was killed; its temporary data directories may remain");
        }
    }
}
