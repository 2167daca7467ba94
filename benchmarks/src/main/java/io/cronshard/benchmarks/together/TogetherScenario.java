package io.cronshard.benchmarks.together;

import io.cronshard.benchmarks.chart.ChartFile;
import io.cronshard.benchmarks.chart.Panel;
import io.cronshard.benchmarks.process.FigureChild;
import io.cronshard.benchmarks.process.JavaProcess;
import io.cronshard.benchmarks.support.FigureTable;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Many jobs firing together: N jobs of one item (by default), every second, in one application
 * JVM ({@link TogetherMain}, a fresh child JVM per size and {@code monitorExecution} value).
 * Figures: start latency of each item after its intended second (p50, p99, max), fires run
 * against expected, live threads, heap, and the server's requests and write transactions per
 * second. Draws {@code together.png}.
 */
public final class TogetherScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("jobs", "items", "seconds", "monitor", "warmup", "via", "charts");

    private static final Logger LOG = LoggerFactory.getLogger(TogetherScenario.class);

    private final ZookeeperProcess zookeeper;

    /**
     * @param zookeeper the server
     */
    public TogetherScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param options {@code jobs} (list), {@code items}, {@code seconds} (window), {@code monitor}
     *                (on/off list), {@code warmup} (seconds after every job registered), {@code via}
     *                ({@code direct}, or {@code proxy} for the requests by operation; its threads then
     *                count in the JVM's), {@code charts}
     */
    public void run(Options options) throws Exception {
        int items = options.intValue("items", 1);
        int seconds = options.intValue("seconds", 20);
        int warmup = options.intValue("warmup", 5);
        List<Boolean> monitors = options.onOffList("monitor", "on");
        String via = options.stringValue("via", "direct");
        if (!via.equals("direct") && !via.equals("proxy")) {
            throw new IllegalArgumentException("Option via takes direct or proxy, got '" + via + "'");
        }
        FigureTable figures = new FigureTable();
        for (boolean monitor : monitors) {
            for (int jobs : options.intList("jobs", "200,1000")) {
                LOG.info("together jobs={} items={} monitorExecution={}: starting a child JVM", jobs, items, monitor ? "on" : "off");
                FigureChild.run(JavaProcess.of(TogetherMain.class)
                                .jvmArgs("-Xmx1g", "-XX:+UseG1GC")
                                .args(zookeeper.connectString(), "bench-together-" + jobs + "-" + System.currentTimeMillis(),
                                        String.valueOf(jobs), String.valueOf(items), String.valueOf(seconds), monitor ? "on" : "off",
                                        String.valueOf(warmup), via),
                        "together-" + jobs, Duration.ofMinutes(10), figures);
            }
        }
        Path chart = ChartFile.writePng(options.chartsDirectory(), "together", 3, panels(figures, monitors));
        LOG.info("together: chart written to {}", chart.toAbsolutePath());
    }

    static List<Panel> panels(FigureTable figures, List<Boolean> monitors) {
        Panel latency = Panel.of("Start latency after the intended second", "jobs firing every second", "ms").fromZero();
        Panel threads = Panel.of("Live threads in the JVM", "jobs firing every second", "threads").fromZero();
        Panel server = Panel.of("ZooKeeper load", "jobs firing every second", "per second").fromZero();
        Panel fires = Panel.of("Fires run / expected", "jobs firing every second", "%").fromZero();
        for (boolean monitor : monitors) {
            Map<String, String> where = Map.of("monitorExecution", monitor ? "on" : "off");
            String suffix = monitors.size() > 1 ? (monitor ? " (monitor on)" : " (monitor off)") : "";
            latency.series("p50" + suffix, figures.curve("startLatencyP50Ms", "jobs", where));
            latency.series("p99" + suffix, figures.curve("startLatencyP99Ms", "jobs", where));
            latency.series("max" + suffix, figures.curve("startLatencyMaxMs", "jobs", where));
            threads.series("highest during the window" + suffix, figures.curve("threadsMax", "jobs", where));
            server.series("write transactions" + suffix, figures.curve("serverWriteTransactionsPerSecond", "jobs", where))
                    .linearFromFirstPoint("write transactions" + suffix);
            server.series("packets received" + suffix, figures.curve("serverPacketsPerSecond", "jobs", where));
            fires.series("fires run" + suffix, figures.curve("firesRunPercent", "jobs", where));
        }
        return List.of(latency, threads, server, fires);
    }
}
