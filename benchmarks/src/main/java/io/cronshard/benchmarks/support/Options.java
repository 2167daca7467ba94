package io.cronshard.benchmarks.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code key=value} options after a scenario's name, e.g. {@code items=10,100 seconds=15}.
 * Lists are comma-separated. {@link #requireKnown} refuses unknown keys, so that a typo does
 * not silently measure the default.
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

    /**
     * @param key the option
     * @param fallback its default
     * @return its value
     */
    public int intValue(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
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

    /**
     * @param known every option some scenario reads
     * @throws IllegalArgumentException naming the options no scenario knows
     */
    public void requireKnown(java.util.Collection<String> known) {
        List<String> unknown = new ArrayList<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + unknown + "; known: " + known + " (see docs/performance.md)");
        }
    }
}
