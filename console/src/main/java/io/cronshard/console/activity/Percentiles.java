package io.cronshard.console.activity;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a sample of milliseconds. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param millis the sample (not changed)
     * @return {@code count, p50, p95, p99, max} in milliseconds; only {@code count} when the sample is empty
     */
    static Map<String, Long> of(long[] millis) {
        Map<String, Long> result = new LinkedHashMap<>();
        result.put("count", (long) millis.length);
        if (millis.length == 0) {
            return result;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        result.put("p50", rank(sorted, 50));
        result.put("p95", rank(sorted, 95));
        result.put("p99", rank(sorted, 99));
        result.put("max", sorted[sorted.length - 1]);
        return result;
    }

    private static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
