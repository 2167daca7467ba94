package io.cronshard.internal.signals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each item of a job usually runs on this instance — the mean of its last
 * {@value #KEPT} successful tries — and from it when an item without a timeout counts as overdue:
 * after {@code factor} times its usual duration, and never before {@code minMillis} (a job whose
 * items take 10 ms is not overdue at 50 ms). An item with fewer than {@value #ENOUGH} known
 * durations has no usual duration yet. Pure and thread-safe.
 */
public final class UsualDurations {

    /** How many recent durations an item's mean is taken over. */
    static final int KEPT = 10;
    /** How many durations an item needs before it has a usual one. */
    static final int ENOUGH = 3;

    private final int factor;
    private final long minMillis;
    private final Map<Integer, long[]> recent = new ConcurrentHashMap<>();

    /**
     * @param factor how many times its usual duration an item may run
     * @param minMillis the shortest run reported overdue
     */
    public UsualDurations(int factor, long minMillis) {
        this.factor = factor;
        this.minMillis = minMillis;
    }

    /**
     * @param item an item
     * @param millis how long a successful try of it took
     */
    public void record(int item, long millis) {
        recent.compute(item, (key, ring) -> {
            // slot 0: how many were recorded; slots 1..KEPT: the ring
            long[] result = ring == null ? new long[KEPT + 1] : ring;
            result[1 + (int) (result[0] % KEPT)] = Math.max(0L, millis);
            result[0]++;
            return result;
        });
    }

    /**
     * @param item an item
     * @return after how many milliseconds a try of it is overdue, or -1 when it has no usual duration yet
     */
    public long overdueAfterMillis(int item) {
        long[] ring = recent.get(item);
        if (ring == null) {
            return -1L;
        }
        // read without a lock: a duration recorded meanwhile only moves the mean a little
        int count = (int) Math.min(ring[0], KEPT);
        long sum = 0L;
        for (int i = 1; i <= count; i++) {
            sum += ring[i];
        }
        if (count < ENOUGH) {
            return -1L;
        }
        return Math.max(minMillis, sum / count * factor);
    }
}
