package io.cronshard.benchmarks.support;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code key=value} options after a scenario's name, e.g. {@code items=10,100 seconds=15}.
 * Lists are comma-separated. {@link #requireKnown} refuses unknown keys, so that a typo does
 * not silently measure the default.
 *
 * <p>A key may be scoped to one scenario, {@code scenario.key=value} (e.g. {@code soak.jobs=200}):
 * that scenario then reads it instead of a plain {@code key=value}, which every scenario reading
 * {@code key} sees. This lets one command run several scenarios whose options share a name.
 */
public final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param args {@code key=value} words
     * @throws IllegalArgumentException when a word is not {@code key=value}
     */
    public Options(List<String> args) {
        for (String each : args) {
            int eq = each.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + each + "'");
            }
            values.put(each.substring(0, eq), each.substring(eq + 1));
        }
    }

    private Options(Map<String, String> values) {
        this.values.putAll(values);
    }

    /**
     * @param scenario a scenario's name
     * @return the options as that scenario sees them: its scoped keys ({@code scenario.key})
     *         override plain ones, other scenarios' scoped keys are left out
     */
    public Options forScenario(String scenario) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!key.contains(".")) {
                result.putIfAbsent(key, value);
            }
        });
        String prefix = scenario + ".";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return new Options(result);
    }

    /**
     * @param key the option
     * @param fallback its default
     * @return its value
     */
    public int intValue(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key).trim()) : fallback;
    }

    /**
     * @param key the option
     * @param fallback its default
     * @return its value
     */
    public String stringValue(String key, String fallback) {
        return values.getOrDefault(key, fallback).trim();
    }

    /**
     * @param key an on/off option
     * @param fallback its default
     * @return true for {@code on}, {@code true} or {@code yes}
     * @throws IllegalArgumentException for any other word than those and {@code off}, {@code false}, {@code no}
     */
    public boolean onOff(String key, boolean fallback) {
        if (!values.containsKey(key)) {
            return fallback;
        }
        return parseOnOff(key, values.get(key));
    }

    /**
     * @param key an on/off list option, e.g. {@code monitor=on,off}
     * @param fallback its default, comma-separated
     * @return its values
     */
    public List<Boolean> onOffList(String key, String fallback) {
        List<Boolean> result = new ArrayList<>();
        for (String each : stringList(key, fallback)) {
            result.add(parseOnOff(key, each));
        }
        return result;
    }

    private static boolean parseOnOff(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("Option " + key + " takes on or off, got '" + value + "'");
        };
    }

    /**
     * @param key the option
     * @param fallback its default, comma-separated
     * @return its values
     */
    public List<Integer> intList(String key, String fallback) {
        List<Integer> result = new ArrayList<>();
        for (String each : values.getOrDefault(key, fallback).split(",")) {
            if (!each.isBlank()) {
                result.add(Integer.parseInt(each.trim()));
            }
        }
        return result;
    }

    /**
     * @param key the option
     * @param fallback its default, comma-separated
     * @return its values
     */
    public List<String> stringList(String key, String fallback) {
        List<String> result = new ArrayList<>();
        for (String each : values.getOrDefault(key, fallback).split(",")) {
            if (!each.isBlank()) {
                result.add(each.trim());
            }
        }
        return result;
    }

    /** The directory charts go to unless {@code charts=DIR} says otherwise, relative to the working directory. */
    public static final String DEFAULT_CHARTS = "target/charts";

    /** @return the directory the scenarios write their chart images to ({@code charts=DIR}) */
    public Path chartsDirectory() {
        return Paths.get(stringValue("charts", DEFAULT_CHARTS));
    }

    /**
     * @param known every option some scenario reads
     * @throws IllegalArgumentException naming the options no scenario knows
     */
    public void requireKnown(Collection<String> known) {
        requireKnown(known, Map.of());
    }

    /**
     * @param known every option some scenario reads, plain
     * @param keysByScenario the options each scenario reads, for scoped keys ({@code scenario.key})
     * @throws IllegalArgumentException naming the options no scenario knows
     */
    public void requireKnown(Collection<String> known, Map<String, ? extends Collection<String>> keysByScenario) {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            int dot = key.indexOf('.');
            Collection<String> scoped = dot < 0 ? null : keysByScenario.get(key.substring(0, dot));
            boolean ok = dot < 0 ? known.contains(key) : scoped != null && scoped.contains(key.substring(dot + 1));
            if (!ok) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + unknown + "; known: " + known
                    + (keysByScenario.isEmpty() ? "" : ", or scoped to a scenario as scenario.key: " + keysByScenario)
                    + " (see docs/performance.md)");
        }
    }
}
