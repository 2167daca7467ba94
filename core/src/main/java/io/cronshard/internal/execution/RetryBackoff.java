package io.cronshard.internal.execution;

import java.util.function.DoubleSupplier;

/**
 * How long an item waits before its next try: the configured backoff, doubled after each failed
 * try, capped at {@value #MAX_MILLIS} ms, with up to a quarter taken off at random (so that items
 * that failed together do not all try again at the same moment). Counted from the end of the
 * failed try.
 */
final class RetryBackoff {

    /** The longest wait between two tries. */
    static final long MAX_MILLIS = 60_000L;
    /** The largest part of a wait the jitter takes off. */
    static final double MAX_JITTER = 0.25;

    private RetryBackoff() {
    }

    /**
     * @param baseMillis the configured backoff ({@code itemRetryBackoffMillis})
     * @param failedTry the number of the try that failed, from 1
     * @param random a number in [0, 1)
     * @return the wait before try {@code failedTry + 1}, in milliseconds
     */
    static long delayMillis(long baseMillis, int failedTry, DoubleSupplier random) {
        long doubled = baseMillis;
        for (int i = 1; i < failedTry && doubled < MAX_MILLIS; i++) {
            doubled *= 2;
        }
        long capped = Math.min(MAX_MILLIS, doubled);
        return capped - (long) (capped * MAX_JITTER * random.getAsDouble());
    }
}
