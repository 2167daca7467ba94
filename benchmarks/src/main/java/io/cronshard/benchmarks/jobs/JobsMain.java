package io.cronshard.benchmarks.jobs;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.support.Figures;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.JvmState;
import io.cronshard.benchmarks.support.Percentiles;
import io.cronshard.benchmarks.zookeeper.FourLetterWords;
import io.cronshard.benchmarks.zookeeper.RequestCountingProxy;
import io.cronshard.benchmarks.zookeeper.TreeReader;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The child JVM of the {@code jobs} scenario: an application JVM that schedules N idle jobs of M
 * items through one registry center (one instance of each job), one {@code schedule()} after the
 * other from one thread. In {@code measure} mode it reports the start cost (time from the first
 * {@code schedule()} until every job's {@code instances/{id}} node exists, read from the nodes'
 * creation times on the server) and the footprint (threads, heap, watches, znodes, requests); in
 * {@code profile} mode, through a counting proxy, which requests a start sends.
 */
public final class JobsMain {

    private static final Logger LOG = LoggerFactory.getLogger(JobsMain.class);
    private static final String SCENARIO = "jobs";
    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final SimpleJob IDLE = shardingContext -> { };

    private JobsMain() {
    }

    /**
     * @param args ZooKeeper connect string, namespace, number of jobs, items per job,
     *             {@code measure} or {@code profile}, seconds to stay idle before the last thread count
     */
    public static void main(String[] args) throws Exception {
        String connectString = args[0];
        String namespace = args[1];
        int jobs = Integer.parseInt(args[2]);
        int items = Integer.parseInt(args[3]);
        int idleSeconds = Integer.parseInt(args[5]);
        FourLetterWords words = new FourLetterWords(connectString.split(":")[0], Integer.parseInt(connectString.split(":")[1]));
        if ("profile".equals(args[4])) {
            profile(connectString, namespace, jobs, items, words);
        } else {
            measure(connectString, namespace, jobs, items, idleSeconds, words);
        }
        System.exit(0);
    }

    private static JobConfiguration config(String name, int items) {
        return JobConfiguration.newBuilder(name, items).cron(YEARLY).build();
    }

    /** Schedules the jobs through the counting proxy and prints the requests one start sends, by operation. */
    private static void profile(String connectString, String namespace, int jobs, int items, FourLetterWords words) throws Exception {
        String context = String.format(Locale.ROOT, "jobs=%d items=%d via=proxy", jobs, items);
        try (RequestCountingProxy proxy = new RequestCountingProxy(Integer.parseInt(connectString.split(":")[1]))) {
            ZookeeperRegistryCenter regCenter = JobMember.connect(proxy.connectString(), namespace, 10_000);
            // one job first, so that the namespace's own nodes are not counted as a job's
            ScheduleJobBootstrap warm = new ScheduleJobBootstrap(regCenter, IDLE, config("warm", items));
            warm.schedule();
            words.awaitQuiet();
            Map<String, Long> before = proxy.snapshot();
            proxy.resetRoundTrips();
            List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, IDLE, config("profile-" + i, items));
                bootstrap.schedule();
                bootstraps.add(bootstrap);
            }
            words.awaitQuiet();
            Map<String, Long> ops = proxy.since(before);
            ops.remove("ping");
            Map<String, String> perJob = new TreeMap<>();
            ops.forEach((op, count) -> perJob.put(op, String.format(Locale.ROOT, "%.1f", count / (double) jobs)));
            Figures.print(SCENARIO, context, "requestsToStartPerJobByOperation", perJob.toString().replace(" ", ""));
            Figures.print(SCENARIO, context, "requestsToStartPerJob", RequestCountingProxy.requests(ops) / (double) jobs);
            Figures.print(SCENARIO, context, "readsToStartPerJob", RequestCountingProxy.reads(ops) / (double) jobs);
            Figures.print(SCENARIO, context, "writeTransactionsToStartPerJob", RequestCountingProxy.writes(ops) / (double) jobs);
            Map<String, String> trips = new TreeMap<>();
            proxy.roundTrips().forEach((op, p) -> trips.put(op, String.format(Locale.ROOT, "%.1f/%.1f/%.1f", p.at(50), p.at(99), p.max())));
            // how long each kind of request took, queueing behind the session's earlier requests included
            Figures.print(SCENARIO, context, "roundTripP50P99MaxMsByOperation", trips.toString().replace(" ", ""));
            bootstraps.forEach(ScheduleJobBootstrap::shutdown);
            warm.shutdown();
            regCenter.close();
        }
    }

    private static void measure(String connectString, String namespace, int jobs, int items, int idleSeconds, FourLetterWords words) throws Exception {
        String context = String.format(Locale.ROOT, "jobs=%d items=%d", jobs, items);
        ZookeeperRegistryCenter regCenter = JobMember.connect(connectString, namespace, 10_000);
        long znodesBefore = words.mntrLong("zk_znode_count");
        long watchesBefore = words.watches();
        long zxidBefore = words.zxid();
        long packetsBefore = words.mntrLong("zk_packets_received");
        int threadsBefore = JvmState.liveThreads();
        long heapBefore = JvmState.heapAfterGc();

        List<ScheduleJobBootstrap> bootstraps = new ArrayList<>(jobs);
        long[] calledAt = new long[jobs];
        List<Double> eachMillis = new ArrayList<>(jobs);
        long firstCall = System.currentTimeMillis();
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            long one = System.nanoTime();
            calledAt[i] = System.currentTimeMillis();
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, IDLE, config("job-" + i, items));
            bootstrap.schedule();
            bootstraps.add(bootstrap);
            eachMillis.add((System.nanoTime() - one) / 1e6);
        }
        long scheduleMillis = (System.nanoTime() - start) / 1_000_000;
        long settleMillis = words.awaitQuiet();

        // creation times of the instance nodes, read once everything is quiet, outside the measured start
        List<String> instancePaths = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            instancePaths.add("/" + namespace + "/job-" + i + "/instances/" + bootstraps.get(i).getJobInstanceId());
        }
        Map<String, TreeReader.Node> instances;
        long descendants;
        try (TreeReader reader = TreeReader.connect(connectString)) {
            instances = reader.read(instancePaths);
            descendants = reader.handle().getAllChildrenNumber("/" + namespace);
            List<String> nodes = reader.subtree("/" + namespace + "/job-0");
            LOG.info("jobs {}: the {} znodes of one job (job-0): {}", context, nodes.size() + 1, nodes);
        }
        long lastCreated = 0;
        List<Double> lags = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            TreeReader.Node node = instances.get(instancePaths.get(i));
            if (node != null) {
                lastCreated = Math.max(lastCreated, node.stat().getCtime());
                lags.add((double) (node.stat().getCtime() - calledAt[i]));
            }
        }
        long registeredAllMillis = lastCreated - firstCall;
        Percentiles lag = new Percentiles(lags);

        int threadsAfter = JvmState.liveThreads();
        Map<String, Integer> kinds = JvmState.threadsByKind();
        long heapAfter = JvmState.heapAfterGc();
        long znodes = words.mntrLong("zk_znode_count") - znodesBefore;
        long watches = words.watches() - watchesBefore;
        long writes = words.zxid() - zxidBefore;
        long packets = words.mntrLong("zk_packets_received") - packetsBefore;
        Percentiles perJob = new Percentiles(eachMillis);

        Figures.print(SCENARIO, context, "registeredAllMs", registeredAllMillis);
        Figures.print(SCENARIO, context, "registeredAllPerJobMs", registeredAllMillis / (double) jobs);
        Figures.print(SCENARIO, context, "instancesMissing", jobs - lags.size());
        Figures.print(SCENARIO, context, "registrationLagP50Ms", lag.at(50));
        Figures.print(SCENARIO, context, "registrationLagP99Ms", lag.at(99));
        Figures.print(SCENARIO, context, "registrationLagMaxMs", lag.max());
        Figures.print(SCENARIO, context, "scheduleAllMs", scheduleMillis);
        Figures.print(SCENARIO, context, "schedulePerJobMeanMs", perJob.mean());
        Figures.print(SCENARIO, context, "schedulePerJobP50Ms", perJob.at(50));
        Figures.print(SCENARIO, context, "schedulePerJobP99Ms", perJob.at(99));
        Figures.print(SCENARIO, context, "schedulePerJobMaxMs", perJob.max());
        Figures.print(SCENARIO, context, "settleAfterScheduleMs", settleMillis);
        Figures.print(SCENARIO, context, "threadsBefore", threadsBefore);
        Figures.print(SCENARIO, context, "threads", threadsAfter);
        Figures.print(SCENARIO, context, "heapAfterGcMiB", JvmState.mib(heapAfter));
        Figures.print(SCENARIO, context, "heapAddedMiB", JvmState.mib(heapAfter - heapBefore));
        Figures.print(SCENARIO, context, "heapPerJobKiB", (heapAfter - heapBefore) / 1024.0 / jobs);
        Figures.print(SCENARIO, context, "watchesPerJob", watches / (double) jobs);
        Figures.print(SCENARIO, context, "znodesPerJob", descendants / (double) jobs);
        Figures.print(SCENARIO, context, "serverZnodeGrowthPerJob", znodes / (double) jobs);
        Figures.print(SCENARIO, context, "serverPacketsToStartPerJob", packets / (double) jobs);
        Figures.print(SCENARIO, context, "serverZxidGrowthToStartPerJob", writes / (double) jobs);
        LOG.info("jobs {}: threads by kind {}", context, kinds);
        if (idleSeconds > 0) {
            // the coordination pool lets its threads go after 10 s without work
            Thread.sleep(idleSeconds * 1000L);
            Figures.print(SCENARIO, context, "threadsAfterIdle", JvmState.liveThreads());
            LOG.info("jobs {}: threads by kind after {} s idle {}", context, idleSeconds, JvmState.threadsByKind());
        }
        long shutdownStart = System.nanoTime();
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        Figures.print(SCENARIO, context, "shutdownAllMs", (System.nanoTime() - shutdownStart) / 1_000_000);
        regCenter.close();
    }
}
