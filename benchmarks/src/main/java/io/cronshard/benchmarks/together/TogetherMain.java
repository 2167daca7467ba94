package io.cronshard.benchmarks.together;

import io.cronshard.api.JobConfiguration;
import io.cronshard.benchmarks.support.ExecutionLog;
import io.cronshard.benchmarks.support.Figures;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.JvmState;
import io.cronshard.benchmarks.support.Percentiles;
import io.cronshard.benchmarks.zookeeper.FourLetterWords;
import io.cronshard.benchmarks.zookeeper.RequestCountingProxy;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The child JVM of the {@code together} scenario: an application JVM with N jobs of M items, all
 * firing every second, through one registry center. Over a window of fires it reports each
 * item's start latency after its intended second (p50, p99, max over every item start), fires
 * run against fires expected (gaps and duplicates), the JVM's live threads (highest sampled every
 * 100 ms) and heap, and what the server did per second.
 */
public final class TogetherMain {

    private static final Logger LOG = LoggerFactory.getLogger(TogetherMain.class);
    private static final String SCENARIO = "together";

    private TogetherMain() {
    }

    /**
     * @param args ZooKeeper connect string, namespace, jobs, items per job, window seconds,
     *             monitorExecution (on/off), warm-up seconds, {@code direct} or {@code proxy} (requests
     *             by operation through a counting proxy in this JVM, whose threads then count too)
     */
    public static void main(String[] args) throws Exception {
        String connectString = args[0];
        String namespace = args[1];
        int jobs = Integer.parseInt(args[2]);
        int items = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        boolean monitor = "on".equals(args[5]);
        int warmup = Integer.parseInt(args[6]);
        boolean proxied = "proxy".equals(args[7]);
        FourLetterWords words = new FourLetterWords(connectString.split(":")[0], Integer.parseInt(connectString.split(":")[1]));
        String context = String.format(Locale.ROOT, "jobs=%d items=%d monitorExecution=%s%s", jobs, items, monitor ? "on" : "off",
                proxied ? " via=proxy" : "");
        RequestCountingProxy proxy = proxied ? new RequestCountingProxy(Integer.parseInt(connectString.split(":")[1])) : null;

        int threadsBefore = JvmState.liveThreads();
        ExecutionLog log = new ExecutionLog();
        ZookeeperRegistryCenter regCenter = JobMember.connect(proxied ? proxy.connectString() : connectString, namespace, 10_000);
        List<ScheduleJobBootstrap> bootstraps = new ArrayList<>(jobs);
        List<String> names = new ArrayList<>(jobs);
        long scheduling = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            String name = "together-" + i;
            names.add(name);
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, (io.cronshard.api.SimpleJob) log::record,
                    JobConfiguration.newBuilder(name, items).cron("* * * * * ?").monitorExecution(monitor).build());
            bootstrap.schedule();
            bootstraps.add(bootstrap);
        }
        long scheduleMillis = (System.nanoTime() - scheduling) / 1_000_000;
        awaitRegistered(bootstraps);
        LOG.info("together {}: {} jobs scheduled in {} ms and registered; warming up for {} s", context, jobs, scheduleMillis, warmup);
        Thread.sleep(warmup * 1000L);

        long firstSecond = alignToHalfSecond();
        log.clear();
        long packets = words.mntrLong("zk_packets_received");
        long zxid = words.zxid();
        java.util.Map<String, Long> requestsBefore = proxied ? proxy.snapshot() : java.util.Map.of();
        java.util.Map<String, Long> shapesBefore = proxied ? proxy.multiShapeSnapshot() : java.util.Map.of();
        // the window of counters runs from half a second before the first fire to half a second before the one after the last
        long end = (firstSecond + seconds) * 1000L - 500;
        int threadsMax = 0;
        while (System.currentTimeMillis() < end) {
            threadsMax = Math.max(threadsMax, JvmState.liveThreads());
            Thread.sleep(100);
        }
        long packetsDelta = words.mntrLong("zk_packets_received") - packets;
        long zxidDelta = words.zxid() - zxid;
        java.util.Map<String, Long> requests = proxied ? proxy.since(requestsBefore) : java.util.Map.of();
        java.util.Map<String, Long> shapes = proxied ? proxy.multiShapesSince(shapesBefore) : java.util.Map.of();
        // starts of the window's last second may still be on their way
        Thread.sleep(2_000);
        long endSecond = firstSecond + seconds;

        ExecutionLog.Coverage coverage = log.coverage(firstSecond, endSecond, names, items);
        List<Double> latencies = new ArrayList<>();
        long run = 0;
        for (ExecutionLog.Start each : log.matching(each -> each.second() >= firstSecond && each.second() < endSecond)) {
            if ("NORMAL".equals(each.source())) {
                latencies.add(each.microsIntoSecond() / 1000.0);
            }
            if ("NORMAL".equals(each.source()) || "MISFIRE".equals(each.source())) {
                run++;
            }
        }
        Percentiles latency = new Percentiles(latencies);
        int threadsEnd = JvmState.liveThreads();
        java.util.Map<String, Integer> kinds = JvmState.threadsByKind();
        long heap = JvmState.heapAfterGc();

        Figures.print(SCENARIO, context, "seconds", seconds);
        Figures.print(SCENARIO, context, "firesExpected", (long) jobs * items * seconds);
        Figures.print(SCENARIO, context, "firesRun", run);
        Figures.print(SCENARIO, context, "firesRunPercent", 100.0 * run / ((double) jobs * items * seconds));
        Figures.print(SCENARIO, context, "gaps", coverage.gaps());
        Figures.print(SCENARIO, context, "duplicates", coverage.duplicates());
        Figures.print(SCENARIO, context, "startLatencyP50Ms", latency.at(50));
        Figures.print(SCENARIO, context, "startLatencyP99Ms", latency.at(99));
        Figures.print(SCENARIO, context, "startLatencyMaxMs", latency.max());
        Figures.print(SCENARIO, context, "threadsBefore", threadsBefore);
        Figures.print(SCENARIO, context, "threadsMax", threadsMax);
        Figures.print(SCENARIO, context, "threadsEnd", threadsEnd);
        Figures.print(SCENARIO, context, "heapAfterGcMiB", JvmState.mib(heap));
        Figures.print(SCENARIO, context, "serverPacketsPerSecond", packetsDelta / (double) seconds);
        Figures.print(SCENARIO, context, "serverWriteTransactionsPerSecond", zxidDelta / (double) seconds);
        Figures.print(SCENARIO, context, "scheduleAllMs", scheduleMillis);
        if (proxied) {
            java.util.Map<String, String> perJobSecond = new java.util.TreeMap<>();
            requests.forEach((op, count) -> perJobSecond.put(op, String.format(Locale.ROOT, "%.2f", count / ((double) jobs * seconds))));
            Figures.print(SCENARIO, context, "requestsPerJobPerSecondByOperation", perJobSecond.toString().replace(" ", ""));
            shapes.forEach((shape, count) -> LOG.info("together {}: {} per job per second: multi [{}]", context,
                    String.format(Locale.ROOT, "%.2f", count / ((double) jobs * seconds)), shape));
        }
        LOG.info("together {}: threads by kind {}", context, kinds);

        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        regCenter.close();
        if (proxy != null) {
            proxy.close();
        }
        System.exit(0);
    }

    /** Waits, from each bootstrap's own state (no request), until every instance is registered; at most two minutes. */
    private static void awaitRegistered(List<ScheduleJobBootstrap> bootstraps) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        for (ScheduleJobBootstrap each : bootstraps) {
            while (!each.getStatus().registered()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Job " + each.getStatus().jobName() + " did not register within 2 minutes");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Sleeps until the middle of the next second, between two fires; returns the first whole second after it. */
    private static long alignToHalfSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        long target = (now / 1000 + 1) * 1000 + 500;
        Thread.sleep(target - now);
        return target / 1000 + 1;
    }
}
