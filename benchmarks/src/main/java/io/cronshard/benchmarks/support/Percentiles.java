package io.cronshard.benchmarks.support;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {

    private final double[] sorted;

    /**
     * @param values the sample
     */
    public Percentiles(Collection<? extends Number> values) {
        sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    /**
     * @param percent 0 to 100
     * @return the smallest value with at least that percentage of the sample at or below it; NaN when empty
     */
    public double at(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** @return the largest value; NaN when empty */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** @return how many values */
    public int count() {
        return sorted.length;
    }

    /** @return the mean; NaN when empty */
    public double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
