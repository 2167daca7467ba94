package io.cronshard.benchmarks.fire;

import io.cronshard.api.JobConfiguration;
import io.cronshard.benchmarks.support.ExecutionLog;
import io.cronshard.benchmarks.support.Figures;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.support.Percentiles;
import io.cronshard.benchmarks.support.ShardingView;
import io.cronshard.benchmarks.zookeeper.BareWrites;
import io.cronshard.benchmarks.zookeeper.RequestCountingProxy;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fire cost: N instances (each with its own registry center, so its own session) of one job of
 * M items firing every second. Over a window of fires it reports the ZooKeeper requests per fire
 * per instance (reads and write transactions apart), the trigger latency (scheduled second to
 * body start), and the gaps and duplicates of items.
 *
 * <p>The instances reach ZooKeeper through a {@link RequestCountingProxy}, which counts their
 * requests by operation, pings apart ({@code via=direct} skips it, for latencies without its
 * extra loopback hop; only the server's counters are reported then). The server's zxid, which grows by one per write
 * transaction, cross-checks the writes. The same window with the job disabled (it still fires on
 * every instance and decides to skip) shows what the instances send when fires cost nothing.
 *
 * <p>Just before the window, {@link BareWrites} takes the bare round trip of one small multi
 * write from a plain session on the same server and route ({@code bareWrites=N} rounds, 0: none),
 * while the instances keep firing: the floor that the trigger latency with
 * {@code monitorExecution} on is compared with.
 */
public final class FireCostScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("instances", "items", "monitor", "seconds", "via", "bareWrites", "control");

    private static final Logger LOG = LoggerFactory.getLogger(FireCostScenario.class);
    private static final String JOB = "fire";
    private static final int SESSION_MILLIS = 10_000;

    private final ZookeeperProcess zookeeper;
    private int runs;

    /**
     * @param zookeeper the server
     */
    public FireCostScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param options {@code instances}, {@code items}, {@code monitor} (on/off), {@code via} (proxy/direct) lists and {@code seconds}
     */
    public void run(Options options) throws Exception {
        int seconds = options.intValue("seconds", 15);
        int bareWrites = options.intValue("bareWrites", 100);
        for (int instances : options.intList("instances", "3")) {
            for (int items : options.intList("items", "10")) {
                for (String monitor : options.stringList("monitor", "on,off")) {
                    for (String via : options.stringList("via", "proxy")) {
                        for (String control : options.stringList("control", "none")) {
                            measure(instances, items, "on".equalsIgnoreCase(monitor) || "true".equalsIgnoreCase(monitor), seconds,
                                    "direct".equalsIgnoreCase(via), bareWrites, Control.valueOf(control.toUpperCase(Locale.ROOT)));
                        }
                    }
                }
            }
        }
    }

    /**
     * Which execution-control features the job uses: {@code none}; {@code configured} (retries and a
     * timeout configured, never needed: must cost what {@code none} costs); {@code checkpoint} (each
     * run reads its item's checkpoint and saves one, which the completed run then clears).
     */
    enum Control { NONE, CONFIGURED, CHECKPOINT }

    /** What one window of fires cost. */
    private record Window(Map<String, Long> operations, long zxidGrowth, long serverPackets) {
    }

    private void measure(int instances, int items, boolean monitor, int seconds, boolean direct, int bareWrites, Control control)
            throws Exception {
        String namespace = "bench-fire-" + (++runs) + "-" + System.currentTimeMillis();
        String context = String.format(Locale.ROOT, "instances=%d items=%d monitorExecution=%s via=%s control=%s", instances, items,
                monitor ? "on" : "off", direct ? "direct" : "proxy", control.name().toLowerCase(Locale.ROOT));
        LOG.info("fire-cost {}: starting", context);
        ExecutionLog log = new ExecutionLog();
        JobConfiguration.Builder builder = JobConfiguration.newBuilder(JOB, items).cron("* * * * * ?").monitorExecution(monitor);
        if (control != Control.NONE) {
            builder.itemRetries(2).itemRetryBackoffMillis(100).itemTimeoutMillis(60_000);
        }
        JobConfiguration config = builder.build();
        io.cronshard.api.SimpleJob body = control == Control.CHECKPOINT ? item -> {
            log.record(item);
            String last = item.getCheckpoint();
            item.saveCheckpoint(last == null ? "1" : last + "+");
        } : log::record;
        List<JobMember> members = new ArrayList<>();
        ZookeeperRegistryCenter admin = JobMember.connect(zookeeper.connectString(), namespace, SESSION_MILLIS);
        RequestCountingProxy proxy = new RequestCountingProxy(zookeeper.port());
        try {
            for (int i = 0; i < instances; i++) {
                members.add(JobMember.start(direct ? zookeeper.connectString() : proxy.connectString(), namespace, SESSION_MILLIS, body, config));
            }
            new ShardingView(admin).awaitSplit(JOB, items, instances, 30_000);
            Thread.sleep(3_000);
            BareWrites.RoundTrips bare = bareWrites > 0
                    ? BareWrites.measure(direct ? zookeeper.connectString() : proxy.connectString(), "/" + namespace + "/bare-writes", bareWrites, 20)
                    : null;

            long firstSecond = alignToHalfSecond();
            Window enabled = window(proxy, seconds);
            long endSecond = firstSecond + seconds;

            JobAPIFactory.createJobConfigurationAPI(admin).updateJobConfiguration(config.toBuilder().disabled(true).build());
            Thread.sleep(2_000);
            long disabledFrom = alignToHalfSecond();
            Window disabled = window(proxy, seconds);
            long startsWhileDisabled = log.matching(each -> each.second() >= disabledFrom).size();

            report(context, log, items, instances, firstSecond, endSecond, enabled, disabled, startsWhileDisabled, direct, bare);
        } finally {
            members.forEach(JobMember::close);
            admin.close();
            proxy.close();
        }
    }

    private Window window(RequestCountingProxy proxy, int seconds) throws InterruptedException {
        Map<String, Long> before = proxy.snapshot();
        long zxid = zookeeper.words().zxid();
        long packets = zookeeper.words().mntrLong("zk_packets_received");
        Thread.sleep(seconds * 1000L);
        return new Window(proxy.since(before), zookeeper.words().zxid() - zxid, zookeeper.words().mntrLong("zk_packets_received") - packets);
    }

    /** Sleeps until the middle of the next second, between two fires; returns the first whole second after it. */
    private static long alignToHalfSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        long target = (now / 1000 + 1) * 1000 + 500;
        Thread.sleep(target - now);
        return target / 1000 + 1;
    }

    private static void report(String context, ExecutionLog log, int items, int instances, long fromSecond, long toSecond,
                               Window enabled, Window disabled, long startsWhileDisabled, boolean direct, BareWrites.RoundTrips bare) {
        ExecutionLog.Coverage coverage = log.coverage(fromSecond, toSecond, items);
        double perFireInstance = coverage.fires() * (double) instances;
        List<Double> latencies = new ArrayList<>();
        for (ExecutionLog.Start each : log.matching(each -> each.second() >= fromSecond && each.second() < toSecond
                && "NORMAL".equals(each.source()))) {
            latencies.add(each.microsIntoSecond() / 1000.0);
        }
        Percentiles latency = new Percentiles(latencies);
        Map<String, Long> ops = enabled.operations();
        String scenario = "fire-cost";
        Figures.print(scenario, context, "fires", coverage.fires());
        if (!direct) {
            Figures.print(scenario, context, "requestsByOperation", ops.toString().replace(" ", ""));
            Figures.print(scenario, context, "requestsPerFirePerInstance", RequestCountingProxy.requests(ops) / perFireInstance);
            Figures.print(scenario, context, "readsPerFirePerInstance", RequestCountingProxy.reads(ops) / perFireInstance);
            Figures.print(scenario, context, "writeTransactionsPerFirePerInstance", RequestCountingProxy.writes(ops) / perFireInstance);
            Figures.print(scenario, context, "requestsWhileDisabled", RequestCountingProxy.requests(disabled.operations()));
            Figures.print(scenario, context, "pingsWhileDisabled", disabled.operations().getOrDefault("ping", 0L));
        }
        // all clients of the server, pings included: an upper bound that needs no proxy
        Figures.print(scenario, context, "serverPacketsPerFirePerInstance", enabled.serverPackets() / perFireInstance);
        Figures.print(scenario, context, "serverZxidGrowthPerFirePerInstance", enabled.zxidGrowth() / perFireInstance);
        Figures.print(scenario, context, "triggerLatencyP50Ms", latency.at(50));
        Figures.print(scenario, context, "triggerLatencyP99Ms", latency.at(99));
        Figures.print(scenario, context, "triggerLatencyMaxMs", latency.max());
        if (bare != null) {
            Figures.print(scenario, context, "bareMultiWriteP50Ms", bare.create().at(50));
            Figures.print(scenario, context, "bareMultiWriteP99Ms", bare.create().at(99));
            Figures.print(scenario, context, "bareMultiDeleteP50Ms", bare.delete().at(50));
            Figures.print(scenario, context, "triggerLatencyP50MinusBareWriteP50Ms", latency.at(50) - bare.create().at(50));
        }
        Figures.print(scenario, context, "itemRuns", latency.count());
        Figures.print(scenario, context, "gaps", coverage.gaps());
        Figures.print(scenario, context, "duplicates", coverage.duplicates());
        Figures.print(scenario, context, "worstItemGaps", coverage.worstItemGaps());
        Figures.print(scenario, context, "startsWhileDisabled", startsWhileDisabled);
    }
}
