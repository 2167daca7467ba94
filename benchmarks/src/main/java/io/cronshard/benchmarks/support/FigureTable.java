package io.cronshard.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The figures of a run, kept to draw curves from: for a figure name, its value against one
 * context key (the curve's x), among the lines whose other context matches.
 */
public final class FigureTable {

    private final List<FigureLine> lines = new ArrayList<>();

    /**
     * @param line a figure
     */
    public synchronized void add(FigureLine line) {
        lines.add(line);
    }

    /**
     * Prints a figure and keeps it.
     *
     * @param scenario the scenario
     * @param context {@code key=value} pairs
     * @param name the figure's name
     * @param value the figure
     */
    public void print(String scenario, String context, String name, Object value) {
        Figures.print(scenario, context, name, value);
        FigureLine.parse(Figures.format(scenario, context, name, value)).ifPresent(this::add);
    }

    /**
     * @param name a figure's name
     * @param xKey the context key that is the curve's x
     * @param where context values the lines must have (others ignored)
     * @return x → the figure; the last line wins when several have the same x
     */
    public synchronized NavigableMap<Double, Double> curve(String name, String xKey, Map<String, String> where) {
        NavigableMap<Double, Double> result = new TreeMap<>();
        for (FigureLine each : lines) {
            if (!each.name().equals(name) || Double.isNaN(each.contextNumber(xKey))) {
                continue;
            }
            boolean matches = where.entrySet().stream().allMatch(w -> w.getValue().equals(each.context().get(w.getKey())));
            if (matches) {
                result.put(each.contextNumber(xKey), each.number());
            }
        }
        return result;
    }

    /**
     * @param name a figure's name
     * @param xKey the context key that is the curve's x
     * @return x → the figure over every line
     */
    public NavigableMap<Double, Double> curve(String name, String xKey) {
        return curve(name, xKey, Map.of());
    }

    /** @return whether no figure was kept */
    public synchronized boolean isEmpty() {
        return lines.isEmpty();
    }
}
