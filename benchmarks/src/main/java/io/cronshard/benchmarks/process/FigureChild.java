package io.cronshard.benchmarks.process;

import io.cronshard.benchmarks.support.FigureLine;
import io.cronshard.benchmarks.support.FigureTable;

import java.time.Duration;

/**
 * Runs a child JVM that prints figure lines, passes every line of its standard output on to
 * this JVM's, and keeps the figures for charts.
 */
public final class FigureChild {

    private FigureChild() {
    }

    /**
     * @param child how to start the child (its output must not be redirected elsewhere)
     * @param name a short name for messages
     * @param timeout how long it may run
     * @param figures where the figures it prints are kept
     * @throws IllegalStateException when it fails or runs too long
     */
    public static void run(JavaProcess.Builder child, String name, Duration timeout, FigureTable figures) throws Exception {
        try (JavaProcess process = child.onOutputLine(line -> {
            synchronized (System.out) {
                System.out.println(line);
                System.out.flush();
            }
            FigureLine.parse(line).ifPresent(figures::add);
        }).start(name)) {
            int exit = process.waitFor(timeout);
            if (exit != 0) {
                throw new IllegalStateException("The child JVM '" + name + "' failed with exit code " + exit);
            }
        }
    }
}
