package io.cronshard.benchmarks.jmh;

import io.cronshard.benchmarks.support.Figures;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the JMH benchmarks of this module and prints one figure line per benchmark and parameter
 * set. Accepts JMH's own command-line options ({@code -f}, {@code -wi}, {@code -i}, a name
 * pattern, ...).
 */
public final class JmhRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JmhRunner.class);

    private JmhRunner() {
    }

    /**
     * @param args JMH options
     * @param quick fewer, shorter iterations, JMH's log to a file (used by {@code all})
     */
    public static void run(List<String> args, boolean quick) throws Exception {
        List<String> all = new ArrayList<>();
        if (quick) {
            all.addAll(List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s", "-o", "target/jmh-output.txt"));
            LOG.info("=== jmh (short run; JMH's own log goes to target/jmh-output.txt)");
        }
        all.addAll(args);
        if (all.stream().noneMatch(each -> !each.startsWith("-") && !isOptionValue(all, each))) {
            all.add("io.cronshard.benchmarks.jmh.");
        }
        Collection<RunResult> results = new Runner(new CommandLineOptions(all.toArray(new String[0]))).run();
        for (RunResult each : results) {
            String name = each.getParams().getBenchmark().replace("io.cronshard.benchmarks.jmh.", "");
            Map<String, String> params = new java.util.TreeMap<>();
            for (String key : each.getParams().getParamsKeys()) {
                params.put(key, each.getParams().getParam(key));
            }
            String context = "benchmark=" + name + (params.isEmpty() ? "" : " " + params.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" ")));
            String unit = unitName(each.getPrimaryResult().getScoreUnit());
            Figures.print("jmh", context, "score" + unit, each.getPrimaryResult().getScore());
            Figures.print("jmh", context, "error99" + unit, String.format(Locale.ROOT, "%.3f", each.getPrimaryResult().getScoreError()));
        }
    }

    /** {@code us/op} → {@code UsPerOp}. */
    static String unitName(String unit) {
        StringBuilder result = new StringBuilder();
        for (String part : unit.split("/")) {
            if (!part.isEmpty()) {
                result.append(result.length() == 0 ? "" : "Per").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return result.toString();
    }

    private static boolean isOptionValue(List<String> args, String word) {
        int at = args.indexOf(word);
        return at > 0 && args.get(at - 1).startsWith("-");
    }
}
