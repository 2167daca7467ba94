package io.cronshard.benchmarks.zookeeper;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The child JVM of {@link ZookeeperEnsemble}: a ZooKeeper ensemble of N servers (Curator's
 * {@link TestingCluster}, real quorum peers with their own data directories, leader election and
 * disk syncs) on loopback ports. Prints {@code READY port,port,...} once every server serves,
 * then runs until its standard input ends, and then closes the ensemble, deleting its data.
 */
public final class EnsembleMain {

    private EnsembleMain() {
    }

    /**
     * @param args number of servers, tick in milliseconds
     */
    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int tick = Integer.parseInt(args[1]);
        List<InstanceSpec> specs = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            // data directory: a new temporary one, deleted on close; ports: free ones; no per-address connection limit
            specs.add(new InstanceSpec(null, -1, -1, -1, true, id, tick, 0, Map.of(), "127.0.0.1"));
        }
        TestingCluster cluster = new TestingCluster(specs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster)));
        cluster.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (InstanceSpec each : specs) {
            FourLetterWords words = new FourLetterWords("127.0.0.1", each.getPort());
            while (!words.isServing()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Server " + each.getServerId() + " of the ensemble did not serve within 60 s");
                }
                Thread.sleep(100);
            }
        }
        System.out.println("READY " + specs.stream().map(each -> String.valueOf(each.getPort())).collect(Collectors.joining(",")));
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // runs until the parent closes our standard input
            }
        }
        closeQuietly(cluster);
        System.exit(0);
    }

    private static void closeQuietly(TestingCluster cluster) {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
