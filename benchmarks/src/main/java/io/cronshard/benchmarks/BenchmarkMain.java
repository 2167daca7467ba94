package io.cronshard.benchmarks;

import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmark scenarios. Arguments: scenario names, then {@code key=value} options.
 *
 * <pre>
 * all                                       fire, idle, failover, scaleout with their defaults, then a short jmh run
 * curves                                    jobs, instances, together with their defaults (the cost curves and charts)
 * fire      instances=3 items=10 monitor=on,off via=proxy seconds=15 bareWrites=100
 * idle      jobs=100,500,2000 profileJobs=20
 * failover  session=5000 leader=victim,survivor itemSeconds=10 failoverItems=4
 * scaleout  from=2 scaleItems=10
 * jobs      jobs=100,500,2000,5000 items=2 profileJobs=100 idleSeconds=11
 * instances instances=1,2,5,10,20,30 items=100 seconds=10 ensemble=1,3 monitor=on
 * together  jobs=200,1000 items=1 seconds=20 monitor=on warmup=5 via=direct
 * soak      minutes=30 jobs=200 instances=3 items=1 monitor=on flatFrom=5 warmup=10   (on demand only)
 * jmh       [JMH options, e.g. jmh -f 1 -wi 3 -i 5 -p items=10 FirePath]   (must come last)
 * tick=500                                  the ZooKeeper server's tick, for every scenario
 * charts=target/charts                      where the scenarios that draw charts write their PNG images
 * </pre>
 *
 * Options are {@code key=value}; lists are comma-separated and every combination is measured.
 * {@code scenario.key=value} gives an option to one scenario only (e.g. {@code together.jobs=200}
 * beside {@code jobs.jobs=100,500}). Figures go to standard output, one line each; progress goes
 * to standard error.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    /** Every scenario and the options it reads. */
    private static final Map<String, List<String>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("fire", io.cronshard.benchmarks.fire.FireCostScenario.KEYS);
        SCENARIOS.put("idle", io.cronshard.benchmarks.idle.IdleCostScenario.KEYS);
        SCENARIOS.put("failover", io.cronshard.benchmarks.failover.FailoverScenario.KEYS);
        SCENARIOS.put("scaleout", io.cronshard.benchmarks.scaleout.ScaleOutScenario.KEYS);
        SCENARIOS.put("jobs", io.cronshard.benchmarks.jobs.JobsScenario.KEYS);
        SCENARIOS.put("instances", io.cronshard.benchmarks.instances.InstancesScenario.KEYS);
        SCENARIOS.put("together", io.cronshard.benchmarks.together.TogetherScenario.KEYS);
        SCENARIOS.put("soak", io.cronshard.benchmarks.soak.SoakScenario.KEYS);
    }

    /** What {@code all} runs before JMH. */
    private static final List<String> ALL = List.of("fire", "idle", "failover", "scaleout");

    /** What {@code curves} runs: the cost curves whose charts docs/performance.md shows. */
    private static final List<String> CURVES = List.of("jobs", "instances", "together");

    /** Options every scenario reads. */
    private static final List<String> COMMON_KEYS = List.of("tick", "charts");

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
        boolean curves = words.remove("curves");
        List<String> expanded = new ArrayList<>();
        if (all) {
            expanded.addAll(ALL);
        }
        if (curves) {
            expanded.addAll(CURVES);
        }
        expanded.addAll(words);
        runScenarios(expanded);
        if (all) {
            io.cronshard.benchmarks.jmh.JmhRunner.run(List.of(), true);
        }
    }

    /**
     * @param words scenario names and options
     * @return the scenarios named, in order, without repeats
     * @throws IllegalArgumentException for an unknown scenario or option
     */
    static Set<String> scenarios(List<String> words) {
        Set<String> scenarios = new LinkedHashSet<>();
        List<String> options = new ArrayList<>();
        for (String each : words) {
            if (each.contains("=")) {
                options.add(each);
            } else if (SCENARIOS.containsKey(each)) {
                scenarios.add(each);
            } else {
                throw new IllegalArgumentException("Unknown scenario '" + each + "'; known: all, curves, "
                        + String.join(", ", SCENARIOS.keySet()) + ", jmh");
            }
        }
        List<String> known = new ArrayList<>(COMMON_KEYS);
        SCENARIOS.values().forEach(known::addAll);
        Map<String, List<String>> scoped = new LinkedHashMap<>();
        SCENARIOS.forEach((name, keys) -> {
            List<String> each = new ArrayList<>(COMMON_KEYS);
            each.addAll(keys);
            scoped.put(name, each);
        });
        new Options(options).requireKnown(known, scoped);
        return scenarios;
    }

    private static void runScenarios(List<String> words) throws Exception {
        Set<String> scenarios = scenarios(words);
        if (scenarios.isEmpty()) {
            return;
        }
        Options all = new Options(words.stream().filter(each -> each.contains("=")).toList());
        long started = System.nanoTime();
        try (ZookeeperProcess zookeeper = ZookeeperProcess.start(all.intValue("tick", ZookeeperProcess.DEFAULT_TICK_MILLIS))) {
            for (String each : scenarios) {
                LOG.info("=== scenario {}", each);
                Options opts = all.forScenario(each);
                switch (each) {
                    case "fire" -> new io.cronshard.benchmarks.fire.FireCostScenario(zookeeper).run(opts);
                    case "idle" -> new io.cronshard.benchmarks.idle.IdleCostScenario(zookeeper).run(opts);
                    case "failover" -> new io.cronshard.benchmarks.failover.FailoverScenario(zookeeper).run(opts);
                    case "scaleout" -> new io.cronshard.benchmarks.scaleout.ScaleOutScenario(zookeeper).run(opts);
                    case "jobs" -> new io.cronshard.benchmarks.jobs.JobsScenario(zookeeper).run(opts);
                    case "instances" -> new io.cronshard.benchmarks.instances.InstancesScenario(zookeeper).run(opts);
                    case "together" -> new io.cronshard.benchmarks.together.TogetherScenario(zookeeper).run(opts);
                    case "soak" -> new io.cronshard.benchmarks.soak.SoakScenario(zookeeper).run(opts);
                    default -> throw new IllegalStateException(each);
                }
            }
        }
        LOG.info("Scenarios {} took {} s", scenarios, (System.nanoTime() - started) / 1_000_000_000L);
    }
}
