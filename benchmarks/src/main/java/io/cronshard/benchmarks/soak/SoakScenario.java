package io.cronshard.benchmarks.soak;

import io.cronshard.benchmarks.chart.ChartFile;
import io.cronshard.benchmarks.chart.Panel;
import io.cronshard.benchmarks.process.JavaProcess;
import io.cronshard.benchmarks.support.FigureTable;
import io.cronshard.benchmarks.support.JvmState;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The soak: N jobs of M items firing every second on K instances, each instance a JVM of its own
 * ({@link SoakInstanceMain}), for a number of minutes. Every minute it asks each instance for its
 * heap after a full GC and its live threads, asks the server for its client connections, znodes
 * and watches, and counts the fires of that minute over all instances: every job's item must run
 * exactly once each second (a second in which it did not run is a missed fire, a second run a
 * duplicate). Prints one line per figure and minute, then a table and a summary of how flat each
 * figure stayed from minute {@code flatFrom} on; draws {@code soak.png}. On demand only: it takes
 * the minutes asked for.
 */
public final class SoakScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("minutes", "jobs", "instances", "items", "monitor", "flatFrom", "warmup", "charts");

    private static final Logger LOG = LoggerFactory.getLogger(SoakScenario.class);
    private static final String SCENARIO = "soak";

    private final ZookeeperProcess zookeeper;

    /**
     * @param zookeeper the server
     */
    public SoakScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /** One minute's figures. */
    record Minute(int minute, double[] heapMiB, int[] threads, long[] runs, long connections, long znodes, long watches,
                  long expected, long run, long missed, long duplicates, double latencyP99Ms, double latencyMaxMs) {
    }

    /**
     * @param options {@code minutes}, {@code jobs}, {@code instances}, {@code items}, {@code monitor},
     *                {@code flatFrom} (first minute of the flatness summary), {@code warmup} (seconds
     *                after every instance is ready), {@code charts}
     */
    public void run(Options options) throws Exception {
        int minutes = options.intValue("minutes", 30);
        int jobs = options.intValue("jobs", 200);
        int instances = options.intValue("instances", 3);
        int items = options.intValue("items", 1);
        boolean monitor = options.onOff("monitor", true);
        int flatFrom = options.intValue("flatFrom", 5);
        int warmup = options.intValue("warmup", 10);
        String base = String.format(Locale.ROOT, "jobs=%d instances=%d items=%d monitorExecution=%s", jobs, instances, items,
                monitor ? "on" : "off");
        String namespace = "bench-soak-" + System.currentTimeMillis();
        int slots = jobs * items;

        Map<Long, int[]> ranBySecond = new ConcurrentHashMap<>();
        Map<Long, Integer> extraBySecond = new ConcurrentHashMap<>();
        List<BlockingQueue<String>> samples = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(instances);
        List<JavaProcess> children = new ArrayList<>();
        List<Minute> rows = new ArrayList<>();
        FigureTable figures = new FigureTable();
        LOG.info("soak {}: {} minutes; starting {} instance JVMs", base, minutes, instances);
        try {
            for (int i = 0; i < instances; i++) {
                BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                samples.add(queue);
                children.add(JavaProcess.of(SoakInstanceMain.class)
                        .jvmArgs("-Xmx512m", "-XX:+UseG1GC")
                        .args(zookeeper.connectString(), namespace, String.valueOf(jobs), String.valueOf(items), monitor ? "on" : "off")
                        .onOutputLine(line -> {
                            if (line.startsWith("SECOND ")) {
                                String[] parts = line.split(" ");
                                long second = Long.parseLong(parts[1]);
                                extraBySecond.merge(second, Integer.parseInt(parts[2]), Integer::sum);
                                if (!"-".equals(parts[3])) {
                                    BitSet ran = BitSet.valueOf(HexFormat.of().parseHex(parts[3]));
                                    int[] counts = ranBySecond.computeIfAbsent(second, any -> new int[slots]);
                                    synchronized (counts) {
                                        ran.stream().filter(bit -> bit < slots).forEach(bit -> counts[bit]++);
                                    }
                                }
                            } else if (line.startsWith("SAMPLE ")) {
                                queue.add(line);
                            } else if (line.startsWith("READY ")) {
                                ready.countDown();
                            }
                        })
                        .start("soak-" + (i + 1)));
            }
            if (!ready.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The soak's instances were not ready within 5 minutes");
            }
            Thread.sleep(warmup * 1000L);
            long startSecond = System.currentTimeMillis() / 1000 + 1;
            LOG.info("soak {}: every instance ready; counting fires from {}", base, java.time.Instant.ofEpochSecond(startSecond));
            for (int m = 1; m <= minutes; m++) {
                long minuteEnd = startSecond + 60L * m;
                // the instances report a second two seconds after it ends
                sleepUntil(minuteEnd * 1000 + 3_500);
                Minute row = sample(m, minuteEnd - 60, minuteEnd, children, samples, ranBySecond, extraBySecond, slots);
                rows.add(row);
                print(figures, base, row);
            }
        } finally {
            for (JavaProcess each : children) {
                if (!each.stop(Duration.ofSeconds(90))) {
                    LOG.warn("A soak instance did not shut down within 90 s and was killed");
                }
            }
        }
        summary(base, rows, instances, flatFrom);
        Path chart = ChartFile.writePng(options.chartsDirectory(), "soak", 3, panels(figures, instances));
        LOG.info("soak: chart written to {}", chart.toAbsolutePath());
    }

    private Minute sample(int minute, long fromSecond, long toSecond, List<JavaProcess> children, List<BlockingQueue<String>> samples,
                          Map<Long, int[]> ranBySecond, Map<Long, Integer> extraBySecond, int slots) throws InterruptedException {
        int instances = children.size();
        double[] heap = new double[instances];
        int[] threads = new int[instances];
        long[] runsByInstance = new long[instances];
        double p99 = 0;
        double max = 0;
        for (int i = 0; i < instances; i++) {
            children.get(i).send("SAMPLE");
        }
        for (int i = 0; i < instances; i++) {
            String answer = samples.get(i).poll(60, TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException("Soak instance " + (i + 1) + " did not answer a sample within 60 s");
            }
            String[] parts = answer.split(" ");
            heap[i] = JvmState.mib(Long.parseLong(parts[1]));
            threads[i] = Integer.parseInt(parts[2]);
            runsByInstance[i] = Long.parseLong(parts[6]);
            p99 = Math.max(p99, Long.parseLong(parts[4]) / 1000.0);
            max = Math.max(max, Long.parseLong(parts[5]) / 1000.0);
        }
        long missed = 0;
        long duplicates = 0;
        long run = 0;
        for (long second = fromSecond; second < toSecond; second++) {
            int[] counts = ranBySecond.remove(second);
            Integer extra = extraBySecond.remove(second);
            duplicates += extra == null ? 0 : extra;
            run += extra == null ? 0 : extra;
            for (int slot = 0; slot < slots; slot++) {
                int count = counts == null ? 0 : counts[slot];
                if (count == 0) {
                    missed++;
                } else {
                    duplicates += count - 1;
                    run += count;
                }
            }
        }
        // seconds before the counted window (warm-up) are not counted; drop them
        ranBySecond.keySet().removeIf(second -> second < fromSecond);
        extraBySecond.keySet().removeIf(second -> second < fromSecond);
        return new Minute(minute, heap, threads, runsByInstance, zookeeper.clientConnections(), zookeeper.znodes(), zookeeper.watches(),
                (toSecond - fromSecond) * slots, run, missed, duplicates, p99, max);
    }

    private static void print(FigureTable figures, String base, Minute row) {
        String context = base + " minute=" + row.minute();
        for (int i = 0; i < row.heapMiB().length; i++) {
            figures.print(SCENARIO, context + " instance=" + (i + 1), "heapAfterGcMiB", row.heapMiB()[i]);
            figures.print(SCENARIO, context + " instance=" + (i + 1), "threads", row.threads()[i]);
            // how the jobs' items are spread over the instances (runs since the previous sample)
            figures.print(SCENARIO, context + " instance=" + (i + 1), "itemRuns", row.runs()[i]);
        }
        figures.print(SCENARIO, context, "zookeeperConnections", row.connections());
        figures.print(SCENARIO, context, "znodes", row.znodes());
        figures.print(SCENARIO, context, "watches", row.watches());
        figures.print(SCENARIO, context, "firesExpected", row.expected());
        figures.print(SCENARIO, context, "firesRun", row.run());
        figures.print(SCENARIO, context, "missedFires", row.missed());
        figures.print(SCENARIO, context, "duplicates", row.duplicates());
        figures.print(SCENARIO, context, "startLatencyP99Ms", row.latencyP99Ms());
        figures.print(SCENARIO, context, "startLatencyMaxMs", row.latencyMaxMs());
    }

    /** Prints the minutes as a Markdown table and how flat each figure stayed from minute {@code flatFrom} on. */
    private static void summary(String base, List<Minute> rows, int instances, int flatFrom) {
        StringBuilder table = new StringBuilder();
        table.append("| minute | heap after GC, MiB (per instance) | threads (per instance) | ZooKeeper connections | znodes | watches | fires expected | run | missed | duplicates | latency p99 / max, ms |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Minute each : rows) {
            List<String> heaps = new ArrayList<>();
            for (double h : each.heapMiB()) {
                heaps.add(String.format(Locale.ROOT, "%.1f", h));
            }
            List<String> threads = new ArrayList<>();
            for (int t : each.threads()) {
                threads.add(String.valueOf(t));
            }
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %d | %d | %d | %d | %d | %.0f / %.0f |%n", each.minute(),
                    String.join(" / ", heaps), String.join(" / ", threads), each.connections(), each.znodes(), each.watches(),
                    each.expected(), each.run(), each.missed(), each.duplicates(), each.latencyP99Ms(), each.latencyMaxMs()));
        }
        synchronized (System.out) {
            System.out.print(table);
            System.out.flush();
        }
        int from = rows.size() >= flatFrom ? flatFrom : 1;
        List<Minute> flat = rows.subList(Math.min(from, rows.size()) - 1, rows.size());
        String context = base + " fromMinute=" + from + " toMinute=" + rows.size();
        if (rows.size() < flatFrom) {
            LOG.warn("soak: only {} minutes ran, fewer than flatFrom={}; the summary covers every minute", rows.size(), flatFrom);
        }
        for (int i = 0; i < instances; i++) {
            int instance = i;
            double[] heaps = flat.stream().mapToDouble(each -> each.heapMiB()[instance]).toArray();
            int[] threads = flat.stream().mapToInt(each -> each.threads()[instance]).toArray();
            String at = context + " instance=" + (i + 1);
            io.cronshard.benchmarks.support.Figures.print(SCENARIO, at, "heapAfterGcMiBMin", min(heaps));
            io.cronshard.benchmarks.support.Figures.print(SCENARIO, at, "heapAfterGcMiBMax", max(heaps));
            io.cronshard.benchmarks.support.Figures.print(SCENARIO, at, "heapSlopeKiBPerMinute", slope(heaps) * 1024);
            io.cronshard.benchmarks.support.Figures.print(SCENARIO, at, "threadsMin", (int) min(toDoubles(threads)));
            io.cronshard.benchmarks.support.Figures.print(SCENARIO, at, "threadsMax", (int) max(toDoubles(threads)));
        }
        double[] connections = flat.stream().mapToDouble(Minute::connections).toArray();
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, context, "zookeeperConnectionsMin", (long) min(connections));
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, context, "zookeeperConnectionsMax", (long) max(connections));
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, base, "firesExpectedTotal", rows.stream().mapToLong(Minute::expected).sum());
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, base, "firesRunTotal", rows.stream().mapToLong(Minute::run).sum());
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, base, "missedFiresTotal", rows.stream().mapToLong(Minute::missed).sum());
        io.cronshard.benchmarks.support.Figures.print(SCENARIO, base, "duplicatesTotal", rows.stream().mapToLong(Minute::duplicates).sum());
    }

    private static double[] toDoubles(int[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(Double.NaN);
    }

    /**
     * @param values one value per minute
     * @return the least-squares slope per minute; 0 for fewer than two values
     */
    static double slope(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = java.util.Arrays.stream(values).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int x = 0; x < n; x++) {
            num += (x - meanX) * (values[x] - meanY);
            den += (x - meanX) * (x - meanX);
        }
        return num / den;
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    static List<Panel> panels(FigureTable figures, int instances) {
        Panel heap = Panel.of("Heap after GC, per instance JVM", "minute", "MiB").fromZero();
        Panel threads = Panel.of("Live threads, per instance JVM", "minute", "threads").fromZero();
        Panel server = Panel.of("ZooKeeper client connections", "minute", "connections").fromZero();
        Panel fires = Panel.of("Missed and duplicate fires", "minute", "item fires per minute").fromZero();
        Panel latency = Panel.of("Start latency after the intended second", "minute", "ms").fromZero();
        for (int i = 1; i <= instances; i++) {
            Map<String, String> where = Map.of("instance", String.valueOf(i));
            heap.series("instance " + i, figures.curve("heapAfterGcMiB", "minute", where));
            threads.series("instance " + i, figures.curve("threads", "minute", where));
        }
        server.series("connections", figures.curve("zookeeperConnections", "minute"));
        fires.series("missed", figures.curve("missedFires", "minute"));
        fires.series("duplicates", figures.curve("duplicates", "minute"));
        latency.series("p99 (highest instance)", figures.curve("startLatencyP99Ms", "minute"));
        latency.series("max", figures.curve("startLatencyMaxMs", "minute"));
        return List.of(heap, threads, server, fires, latency);
    }
}
