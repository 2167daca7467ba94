package io.cronshard.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/** What this JVM holds now: live threads and heap after a full collection. */
public final class JvmState {

    private JvmState() {
    }

    /** @return live threads, daemon or not */
    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * @return live threads grouped by name with digits removed (e.g. {@code cronshard-dispatch-}),
     *         to say whose they are
     */
    public static Map<String, Integer> threadsByKind() {
        Map<String, Integer> result = new TreeMap<>();
        for (Thread each : Thread.getAllStackTraces().keySet()) {
            if (each.isAlive()) {
                result.merge(each.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return result;
    }

    /**
     * Collects garbage a few times and then reads the heap in use.
     *
     * @return bytes of heap in use after GC
     */
    public static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * @param bytes a size
     * @return the size in MiB
     */
    public static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
