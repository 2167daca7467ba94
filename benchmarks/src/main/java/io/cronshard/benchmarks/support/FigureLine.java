package io.cronshard.benchmarks.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line printed by {@link Figures#print}, read back: {@code scenario key=value ... figure=value}.
 * The scenarios that run their measurements in child JVMs read the children's lines with it, to
 * pass them on and to draw charts from them.
 *
 * @param scenario the first word, e.g. {@code jobs}
 * @param context every {@code key=value} before the figure, in order
 * @param name the figure's name (the last {@code key=value})
 * @param value the figure as printed
 */
public record FigureLine(String scenario, Map<String, String> context, String name, String value) {

    /**
     * @param line a line of a figure-printing JVM's standard output
     * @return the figure, or empty when the line is not one
     */
    public static Optional<FigureLine> parse(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length < 2 || words[0].contains("=")) {
            return Optional.empty();
        }
        for (int i = 1; i < words.length; i++) {
            if (words[i].indexOf('=') <= 0) {
                return Optional.empty();
            }
        }
        Map<String, String> context = new LinkedHashMap<>();
        for (int i = 1; i < words.length - 1; i++) {
            int eq = words[i].indexOf('=');
            context.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        String last = words[words.length - 1];
        int eq = last.indexOf('=');
        return Optional.of(new FigureLine(words[0], Collections.unmodifiableMap(context), last.substring(0, eq), last.substring(eq + 1)));
    }

    /** @return the figure as a number; NaN when it is not one */
    public double number() {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /**
     * @param key a context key
     * @return its value as a number; NaN when missing or not a number
     */
    public double contextNumber(String key) {
        try {
            return Double.parseDouble(context.getOrDefault(key, ""));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }
}
