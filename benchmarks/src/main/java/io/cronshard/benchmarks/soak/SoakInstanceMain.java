package io.cronshard.benchmarks.soak;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.JvmState;
import io.cronshard.benchmarks.support.Percentiles;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance of the soak, in a JVM of its own as an application would run it: N jobs of M
 * items firing every second through one registry center. Its memory for bookkeeping stays
 * bounded, so that its heap after GC is the library's: item starts are counted per second and
 * reported once the second is over ({@code SECOND epochSecond extraRuns hexBitsOfItemsThatRan},
 * bit {@code job * items + item}), start latencies are kept for one minute at a time. On a
 * {@code SAMPLE} line on standard input it collects garbage and answers {@code SAMPLE
 * heapBytes threads latencyP50Micros latencyP99Micros latencyMaxMicros runs} for the minute since
 * the previous sample; when standard input ends it shuts its jobs down and exits.
 */
public final class SoakInstanceMain {

    private static final Object OUT = new Object();

    private SoakInstanceMain() {
    }

    /**
     * @param args ZooKeeper connect string, namespace, jobs, items per job, monitorExecution (on/off)
     */
    public static void main(String[] args) throws Exception {
        String connectString = args[0];
        String namespace = args[1];
        int jobs = Integer.parseInt(args[2]);
        int items = Integer.parseInt(args[3]);
        boolean monitor = "on".equals(args[4]);
        Tally tally = new Tally(jobs * items);

        ZookeeperRegistryCenter regCenter = JobMember.connect(connectString, namespace, 10_000);
        List<ScheduleJobBootstrap> bootstraps = new ArrayList<>(jobs);
        for (int j = 0; j < jobs; j++) {
            int base = j * items;
            SimpleJob body = context -> tally.record(base + context.getShardingItem());
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, body,
                    JobConfiguration.newBuilder("soak-" + j, items).cron("* * * * * ?").monitorExecution(monitor).build());
            bootstrap.schedule();
            bootstraps.add(bootstrap);
        }
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "soak-flusher");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleAtFixedRate(tally::flush, 1, 1, TimeUnit.SECONDS);
        print("READY " + bootstraps.get(0).getJobInstanceId());

        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if ("SAMPLE".equals(line.trim())) {
                    // the minute's latencies are summed up and dropped before the collection, so the heap holds none
                    String latencies = tally.latencies();
                    System.gc();
                    Thread.sleep(100);
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    print("SAMPLE " + heap + " " + JvmState.liveThreads() + " " + latencies);
                }
            }
        }
        flusher.shutdownNow();
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        regCenter.close();
        System.exit(0);
    }

    private static void print(String line) {
        synchronized (OUT) {
            System.out.println(line);
            System.out.flush();
        }
    }

    /** Item starts by second and start latencies by minute, in bounded memory. */
    static final class Tally {

        private final int slots;
        private final Map<Long, AtomicIntegerArray> bySecond = new ConcurrentHashMap<>();
        private final List<Integer> latencyMicros = new ArrayList<>();
        private final AtomicLong runs = new AtomicLong();

        Tally(int slots) {
            this.slots = slots;
        }

        void record(int slot) {
            Instant now = Instant.now();
            bySecond.computeIfAbsent(now.getEpochSecond(), any -> new AtomicIntegerArray(slots)).incrementAndGet(slot);
            runs.incrementAndGet();
            synchronized (latencyMicros) {
                latencyMicros.add(now.getNano() / 1_000);
            }
        }

        /** Prints the seconds that ended more than two seconds ago (late starts have come in by then) and forgets them. */
        void flush() {
            long before = System.currentTimeMillis() / 1000 - 2;
            for (Long second : new java.util.TreeSet<>(bySecond.keySet())) {
                if (second < before) {
                    AtomicIntegerArray counts = bySecond.remove(second);
                    BitSet ran = new BitSet(slots);
                    int extra = 0;
                    for (int i = 0; i < slots; i++) {
                        int count = counts.get(i);
                        if (count > 0) {
                            ran.set(i);
                            extra += count - 1;
                        }
                    }
                    byte[] bytes = ran.toByteArray();
                    print("SECOND " + second + " " + extra + " " + (bytes.length == 0 ? "-" : HexFormat.of().formatHex(bytes)));
                }
            }
        }

        /** @return p50, p99 and max latency in microseconds and the runs since the previous call; then starts again */
        String latencies() {
            List<Integer> copy;
            synchronized (latencyMicros) {
                copy = new ArrayList<>(latencyMicros);
                latencyMicros.clear();
            }
            Percentiles p = new Percentiles(copy);
            return (long) (copy.isEmpty() ? 0 : p.at(50)) + " " + (long) (copy.isEmpty() ? 0 : p.at(99)) + " "
                    + (long) (copy.isEmpty() ? 0 : p.max()) + " " + runs.getAndSet(0);
        }
    }
}
