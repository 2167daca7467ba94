package io.cronshard.benchmarks.instances;

import io.cronshard.api.JobConfiguration;
import io.cronshard.benchmarks.chart.ChartFile;
import io.cronshard.benchmarks.chart.Panel;
import io.cronshard.benchmarks.support.ExecutionLog;
import io.cronshard.benchmarks.support.FigureTable;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.JvmState;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.support.Percentiles;
import io.cronshard.benchmarks.zookeeper.RequestCountingProxy;
import io.cronshard.benchmarks.zookeeper.TreeReader;
import io.cronshard.benchmarks.zookeeper.ZookeeperEnsemble;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import io.cronshard.benchmarks.zookeeper.ZookeeperServers;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Instances of one job, 1 to 30 (in this JVM, each with its own registry center and session),
 * on a standalone server or a 3-server ensemble. Instances join one at a time; after each join
 * the leader's resharding time is taken from the server's own clock: from the creation of the
 * newcomer's {@code instances/{id}} node (its registration) to the last write of the new split
 * ({@code sharding/{item}/instance} nodes changed after it). At the listed instance counts, a
 * window of fires (every second) counts through {@link RequestCountingProxy} the requests the
 * instances send and the watch notifications they receive, and takes the trigger latency. Draws
 * {@code instances.png}.
 */
public final class InstancesScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("instances", "items", "seconds", "ensemble", "monitor", "charts");

    private static final Logger LOG = LoggerFactory.getLogger(InstancesScenario.class);
    private static final String SCENARIO = "instances";
    private static final String JOB = "many";
    private static final int SESSION_MILLIS = 10_000;

    private final ZookeeperProcess standalone;
    private int runs;

    /**
     * @param standalone the standalone server (used for {@code ensemble=1})
     */
    public InstancesScenario(ZookeeperProcess standalone) {
        this.standalone = standalone;
    }

    /**
     * @param options {@code instances} (counts measured, list), {@code items}, {@code seconds}
     *                (per window), {@code ensemble} (servers: 1 and/or 3), {@code monitor}, {@code charts}
     */
    public void run(Options options) throws Exception {
        TreeSet<Integer> counts = new TreeSet<>(options.intList("instances", "1,2,5,10,20,30"));
        int items = options.intValue("items", 100);
        int seconds = options.intValue("seconds", 10);
        boolean monitor = options.onOff("monitor", true);
        FigureTable figures = new FigureTable();
        List<Integer> ensembles = options.intList("ensemble", "1,3");
        for (int servers : ensembles) {
            if (servers == 1) {
                measure(standalone, counts, items, seconds, monitor, figures);
            } else {
                try (ZookeeperEnsemble ensemble = ZookeeperEnsemble.start(servers, standalone.tickMillis())) {
                    measure(ensemble, counts, items, seconds, monitor, figures);
                }
            }
        }
        Path chart = ChartFile.writePng(options.chartsDirectory(), "instances", 3, panels(figures, ensembles, items));
        LOG.info("instances: chart written to {}", chart.toAbsolutePath());
    }

    private void measure(ZookeeperServers servers, TreeSet<Integer> counts, int items, int seconds, boolean monitor,
                         FigureTable figures) throws Exception {
        String namespace = "bench-instances-" + (++runs) + "-" + System.currentTimeMillis();
        JobConfiguration config = JobConfiguration.newBuilder(JOB, items).cron("* * * * * ?").monitorExecution(monitor).build();
        ExecutionLog log = new ExecutionLog();
        List<JobMember> members = new ArrayList<>();
        String root = "/" + namespace + "/" + JOB;
        try (RequestCountingProxy proxy = new RequestCountingProxy(servers.ports());
             TreeReader reader = TreeReader.connect(servers.connectString())) {
            try {
                for (int k = 1; k <= counts.last(); k++) {
                    String context = String.format(Locale.ROOT, "ensemble=%d instances=%d items=%d monitorExecution=%s",
                            servers.size(), k, items, monitor ? "on" : "off");
                    Map<Integer, String> before = owners(reader, root, items).owners();
                    JobMember member = JobMember.start(proxy.connectString(), namespace, SESSION_MILLIS, log::record, config);
                    members.add(member);
                    Split split = awaitSplit(reader, root, items, k, member.instanceId());
                    Stat registered = reader.read(List.of(root + "/instances/" + member.instanceId())).values().iterator().next().stat();
                    reportReshard(figures, context, registered, split, before, k == 1);
                    if (counts.contains(k)) {
                        window(servers, proxy, log, context, k, items, seconds, figures);
                    }
                }
            } finally {
                // before the proxy closes: a member cut off from ZooKeeper would wait for it to shut down
                members.forEach(JobMember::close);
            }
        }
    }

    /** The split as read at one moment. */
    private record Split(Map<Integer, String> owners, Map<Integer, Stat> stats, boolean requested) {
    }

    private static Split owners(TreeReader reader, String root, int items) throws Exception {
        List<String> paths = new ArrayList<>(items + 1);
        for (int item = 0; item < items; item++) {
            paths.add(root + "/sharding/" + item + "/instance");
        }
        paths.add(root + "/leader/sharding/necessary");
        Map<String, TreeReader.Node> nodes = reader.read(paths);
        Map<Integer, String> owners = new TreeMap<>();
        Map<Integer, Stat> stats = new HashMap<>();
        for (int item = 0; item < items; item++) {
            TreeReader.Node node = nodes.get(paths.get(item));
            if (node != null && !node.text().isEmpty()) {
                owners.put(item, node.text());
                stats.put(item, node.stat());
            }
        }
        return new Split(owners, stats, nodes.containsKey(paths.get(items)));
    }

    /** Waits (reading one multi-request every 100 ms) until every item has an owner, the newcomer among them, and no resharding is pending. */
    private static Split awaitSplit(TreeReader reader, String root, int items, int instances, String newcomer) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Split split = owners(reader, root, items);
            long distinct = split.owners().values().stream().distinct().count();
            boolean newcomerIn = instances > items || split.owners().containsValue(newcomer);
            if (split.owners().size() == items && distinct == Math.min(items, instances) && newcomerIn && !split.requested()) {
                return split;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The job was not split over " + instances + " instances within 60 s: " + split.owners());
            }
            Thread.sleep(100);
        }
    }

    private static void reportReshard(FigureTable figures, String context, Stat registered, Split split, Map<Integer, String> before, boolean first) {
        long lastWrite = 0;
        int moved = 0;
        for (Map.Entry<Integer, Stat> each : split.stats().entrySet()) {
            // nodes written after the newcomer's registration belong to the new split (created or changed)
            long zxid = Math.max(each.getValue().getMzxid(), each.getValue().getCzxid());
            if (zxid > registered.getCzxid()) {
                lastWrite = Math.max(lastWrite, each.getValue().getMtime());
            }
        }
        for (Map.Entry<Integer, String> each : split.owners().entrySet()) {
            if (!each.getValue().equals(before.get(each.getKey()))) {
                moved++;
            }
        }
        if (lastWrite == 0) {
            // more instances than items: the newcomer got none and nothing moved
            figures.print(SCENARIO, context, "reshardMs", "none");
            return;
        }
        figures.print(SCENARIO, context, first ? "firstSplitMs" : "reshardMs", lastWrite - registered.getCtime());
        figures.print(SCENARIO, context, "splitWrittenMsIntoSecond", lastWrite % 1000);
        figures.print(SCENARIO, context, "itemsMoved", moved);
    }

    private static void window(ZookeeperServers servers, RequestCountingProxy proxy, ExecutionLog log, String context, int instances,
                               int items, int seconds, FigureTable figures) throws Exception {
        Thread.sleep(2_000);
        long firstSecond = alignToHalfSecond();
        Map<String, Long> requestsBefore = proxy.snapshot();
        Map<String, Long> notificationsBefore = proxy.notificationSnapshot();
        Map<String, Long> shapesBefore = proxy.multiShapeSnapshot();
        long serverNotificationsBefore = servers.watchNotifications();
        long zxidBefore = servers.zxid();
        Thread.sleep(seconds * 1000L);
        long endSecond = firstSecond + seconds;
        Map<String, Long> requests = proxy.since(requestsBefore);
        Map<String, Long> notifications = proxy.notificationsSince(notificationsBefore);
        Map<String, Long> shapes = proxy.multiShapesSince(shapesBefore);
        long serverNotifications = servers.watchNotifications() - serverNotificationsBefore;
        long zxid = servers.zxid() - zxidBefore;
        long watches = servers.watches();
        Thread.sleep(1_000);

        ExecutionLog.Coverage coverage = log.coverage(firstSecond, endSecond, items);
        List<Double> latencies = new ArrayList<>();
        for (ExecutionLog.Start each : log.matching(each -> each.second() >= firstSecond && each.second() < endSecond
                && "NORMAL".equals(each.source()))) {
            latencies.add(each.microsIntoSecond() / 1000.0);
        }
        log.clear();
        Percentiles latency = new Percentiles(latencies);
        double fires = coverage.fires();
        shapes.forEach((shape, count) -> LOG.info("instances {}: {} per fire: multi [{}]", context,
                String.format(Locale.ROOT, "%.2f", count / fires), shape));
        figures.print(SCENARIO, context, "fires", coverage.fires());
        figures.print(SCENARIO, context, "requestsPerFire", RequestCountingProxy.requests(requests) / fires);
        figures.print(SCENARIO, context, "writeTransactionsPerFire", RequestCountingProxy.writes(requests) / fires);
        figures.print(SCENARIO, context, "readsPerFire", RequestCountingProxy.reads(requests) / fires);
        figures.print(SCENARIO, context, "requestsPerFirePerInstance", RequestCountingProxy.requests(requests) / fires / instances);
        figures.print(SCENARIO, context, "notificationsPerFire", RequestCountingProxy.total(notifications) / fires);
        figures.print(SCENARIO, context, "notificationsPerFirePerInstance", RequestCountingProxy.total(notifications) / fires / instances);
        figures.print(SCENARIO, context, "notificationsByType", perFire(notifications, fires));
        figures.print(SCENARIO, context, "serverNotificationsPerFire", serverNotifications / fires);
        // what one unit of work costs: every instance hears of every item's marks, whichever it runs
        figures.print(SCENARIO, context, "notificationsPerItemRun", RequestCountingProxy.total(notifications) / (double) Math.max(1, latency.count()));
        figures.print(SCENARIO, context, "requestsPerItemRun", RequestCountingProxy.requests(requests) / (double) Math.max(1, latency.count()));
        figures.print(SCENARIO, context, "serverZxidGrowthPerFire", zxid / fires);
        figures.print(SCENARIO, context, "watchesPerInstance", watches / (double) instances);
        figures.print(SCENARIO, context, "triggerLatencyP50Ms", latency.at(50));
        figures.print(SCENARIO, context, "triggerLatencyP99Ms", latency.at(99));
        figures.print(SCENARIO, context, "triggerLatencyMaxMs", latency.max());
        figures.print(SCENARIO, context, "itemRuns", latency.count());
        figures.print(SCENARIO, context, "gaps", coverage.gaps());
        figures.print(SCENARIO, context, "duplicates", coverage.duplicates());
        figures.print(SCENARIO, context, "threadsInThisJvm", JvmState.liveThreads());
    }

    private static String perFire(Map<String, Long> byType, double fires) {
        Map<String, String> result = new TreeMap<>();
        byType.forEach((type, count) -> result.put(type, String.format(Locale.ROOT, "%.1f", count / fires)));
        return result.toString().replace(" ", "");
    }

    /** Sleeps until the middle of the next second, between two fires; returns the first whole second after it. */
    private static long alignToHalfSecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        long target = (now / 1000 + 1) * 1000 + 500;
        Thread.sleep(target - now);
        return target / 1000 + 1;
    }

    static List<Panel> panels(FigureTable figures, List<Integer> ensembles, int items) {
        Panel requests = Panel.of("ZooKeeper requests per fire (whole job, " + items + " items)", "instances", "requests per fire").fromZero();
        Panel notifications = Panel.of("Watch notifications per fire (whole job)", "instances", "notifications per fire").fromZero();
        Panel reshard = Panel.of("Resharding: registration to split written", "instances after the join", "ms").fromZero();
        Panel latency = Panel.of("Trigger latency (second to body start)", "instances", "ms").fromZero();
        Panel perItem = Panel.of("Cost per item run", "instances", "per item run").logY();
        for (int servers : ensembles) {
            Map<String, String> where = Map.of("ensemble", String.valueOf(servers));
            String name = servers == 1 ? "standalone" : servers + "-server ensemble";
            requests.series(name, figures.curve("requestsPerFire", "instances", where)).linearFromFirstPoint(name);
            notifications.series(name, figures.curve("notificationsPerFire", "instances", where)).linearFromFirstPoint(name);
            reshard.series(name, figures.curve("reshardMs", "instances", where));
            latency.series(name + " p50", figures.curve("triggerLatencyP50Ms", "instances", where));
            latency.series(name + " p99", figures.curve("triggerLatencyP99Ms", "instances", where));
            perItem.series(name + " notifications received", figures.curve("notificationsPerItemRun", "instances", where));
            perItem.series(name + " requests sent", figures.curve("requestsPerItemRun", "instances", where));
        }
        return List.of(requests, notifications, reshard, latency, perItem);
    }
}
