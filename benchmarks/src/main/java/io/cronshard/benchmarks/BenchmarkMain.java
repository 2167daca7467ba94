package io.cronshard.benchmarks;

import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark scenarios. Arguments: scenario names, then {@code key=value} options.
 *
 * <pre>
 * all                                       fire, idle, failover, scaleout with their defaults, then a short jmh run
 * fire      instances=3 items=10 monitor=on,off via=proxy seconds=15
 * idle      jobs=100,500,2000 profileJobs=20
 * failover  session=5000 leader=victim,survivor itemSeconds=10 failoverItems=4
 * scaleout  from=2 scaleItems=10
 * jmh       [JMH options, e.g. jmh -f 1 -wi 3 -i 5 -p items=10 FirePath]   (must come last)
 * tick=500                                  the ZooKeeper server's tick, for every scenario
 * </pre>
 *
 * Options are {@code key=value}; lists are comma-separated and every combination is measured.
 * Figures go to standard output, one line each; progress goes to standard error.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private static final List<String> SCENARIOS = List.of("fire", "idle", "failover", "scaleout");

    private BenchmarkMain() {
    }

    /**
     * @param args scenario names and options
     * @throws Exception when a scenario fails
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error ex) {
            LOG.error("Benchmark failed", ex);
            System.exit(1);
        }
        // Curator, Quartz or JMH may leave non-daemon threads behind; the figures are printed
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        LOG.info("Measuring cronshard-core from {}", io.cronshard.api.JobConfiguration.class.getProtectionDomain().getCodeSource().getLocation());
        List<String> words = new ArrayList<>();
        for (String each : args) {
            words.addAll(Arrays.asList(each.trim().split("\\s+")));
        }
        words.removeIf(String::isEmpty);
        int jmhAt = words.indexOf("jmh");
        if (jmhAt >= 0) {
            List<String> jmhArgs = words.subList(jmhAt + 1, words.size());
            List<String> before = new ArrayList<>(words.subList(0, jmhAt));
            runScenarios(before);
            io.cronshard.benchmarks.jmh.JmhRunner.run(jmhArgs, false);
            return;
        }
        boolean all = words.remove("all");
        runScenarios(all ? withAll(words) : words);
        if (all) {
            io.cronshard.benchmarks.jmh.JmhRunner.run(List.of(), true);
        }
    }

    private static List<String> withAll(List<String> words) {
        List<String> result = new ArrayList<>(SCENARIOS);
        result.addAll(words);
        return result;
    }

    private static void runScenarios(List<String> words) throws Exception {
        Set<String> scenarios = new LinkedHashSet<>();
        List<String> options = new ArrayList<>();
        for (String each : words) {
            if (each.contains("=")) {
                options.add(each);
            } else if (SCENARIOS.contains(each)) {
                scenarios.add(each);
            } else {
                throw new IllegalArgumentException("Unknown scenario '" + each + "'; known: all, " + String.join(", ", SCENARIOS) + ", jmh");
            }
        }
        if (scenarios.isEmpty()) {
            return;
        }
        Options opts = new Options(options);
        List<String> known = new ArrayList<>(List.of("tick"));
        known.addAll(io.cronshard.benchmarks.fire.FireCostScenario.KEYS);
        known.addAll(io.cronshard.benchmarks.idle.IdleCostScenario.KEYS);
        known.addAll(io.cronshard.benchmarks.failover.FailoverScenario.KEYS);
        known.addAll(io.cronshard.benchmarks.scaleout.ScaleOutScenario.KEYS);
        opts.requireKnown(known);
        long started = System.nanoTime();
        try (ZookeeperProcess zookeeper = ZookeeperProcess.start(opts.intValue("tick", ZookeeperProcess.DEFAULT_TICK_MILLIS))) {
            for (String each : scenarios) {
                LOG.info("=== scenario {}", each);
                switch (each) {
                    case "fire" -> new io.cronshard.benchmarks.fire.FireCostScenario(zookeeper).run(opts);
                    case "idle" -> new io.cronshard.benchmarks.idle.IdleCostScenario(zookeeper).run(opts);
                    case "failover" -> new io.cronshard.benchmarks.failover.FailoverScenario(zookeeper).run(opts);
                    case "scaleout" -> new io.cronshard.benchmarks.scaleout.ScaleOutScenario(zookeeper).run(opts);
                    default -> throw new IllegalStateException(each);
                }
            }
        }
        LOG.info("Scenarios {} took {} s", scenarios, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
