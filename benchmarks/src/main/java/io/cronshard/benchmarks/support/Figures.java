package io.cronshard.benchmarks.support;

import java.util.Locale;

/**
 * Prints the measured figures on standard output, one line per figure, in the form
 * {@code scenario key=value ... figure=value}: easy to read, to grep and to paste into a table.
 * Progress and diagnostics go to the log (standard error), never here.
 */
public final class Figures {

    private Figures() {
    }

    /**
     * @param scenario the scenario, e.g. {@code fire-cost}
     * @param context what the figure was measured at, as {@code key=value} pairs (may be empty)
     * @param name the figure's name
     * @param value the figure
     */
    public static synchronized void print(String scenario, String context, String name, Object value) {
        System.out.println(format(scenario, context, name, value));
        System.out.flush();
    }

    /**
     * @param scenario the scenario
     * @param context {@code key=value} pairs (may be empty)
     * @param name the figure's name
     * @param value the figure; floating-point values with two decimals
     * @return the line {@link #print} prints
     */
    public static String format(String scenario, String context, String name, Object value) {
        String shown = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue())
                : String.valueOf(value);
        return scenario + (context.isEmpty() ? "" : " " + context) + " " + name + "=" + shown;
    }
}
