package io.cronshard.benchmarks.idle;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
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
import java.util.Map;

/**
 * The child JVM of the idle-cost scenario: schedules N idle jobs through one registry center,
 * waits until ZooKeeper is quiet, then prints the JVM's threads and heap and the server's
 * watches and znodes, and shuts everything down.
 */
public final class IdleJobsMain {

    private static final Logger LOG = LoggerFactory.getLogger(IdleJobsMain.class);
    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final SimpleJob IDLE = shardingContext -> { };

    private IdleJobsMain() {
    }

    /**
     * @param args ZooKeeper connect string, namespace, number of jobs, {@code measure} or {@code profile}
     */
    public static void main(String[] args) throws Exception {
        String connectString = args[0];
        String namespace = args[1];
        int jobs = Integer.parseInt(args[2]);
        FourLetterWords words = new FourLetterWords(connectString.split(":")[0], Integer.parseInt(connectString.split(":")[1]));
        if ("profile".equals(args[3])) {
            profile(connectString, namespace, jobs, words);
        } else {
            measure(connectString, namespace, jobs, words);
        }
        System.exit(0);
    }

    /** Schedules the jobs through the counting proxy and prints the requests one schedule() sends, by operation. */
    private static void profile(String connectString, String namespace, int jobs, FourLetterWords words) throws Exception {
        String context = "jobs=" + jobs + " items=2 via=proxy";
        try (RequestCountingProxy proxy = new RequestCountingProxy(Integer.parseInt(connectString.split(":")[1]))) {
            ZookeeperRegistryCenter regCenter = JobMember.connect(proxy.connectString(), namespace, 10_000);
            // one job first, so that the namespace's own nodes are not counted as a job's
            ScheduleJobBootstrap warm = new ScheduleJobBootstrap(regCenter, IDLE,
                    JobConfiguration.newBuilder("warm", 2).cron(YEARLY).build());
            warm.schedule();
            words.awaitQuiet();
            Map<String, Long> before = proxy.snapshot();
            List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, IDLE,
                        JobConfiguration.newBuilder("profile-" + i, 2).cron(YEARLY).build());
                bootstrap.schedule();
                bootstraps.add(bootstrap);
            }
            words.awaitQuiet();
            Map<String, Long> ops = proxy.since(before);
            ops.remove("ping");
            Map<String, String> perJob = new java.util.TreeMap<>();
            ops.forEach((op, count) -> perJob.put(op, String.format(java.util.Locale.ROOT, "%.1f", count / (double) jobs)));
            Figures.print("idle-cost", context, "requestsToStartPerJobByOperation", perJob.toString().replace(" ", ""));
            Figures.print("idle-cost", context, "requestsToStartPerJob", RequestCountingProxy.requests(ops) / (double) jobs);
            Figures.print("idle-cost", context, "readsToStartPerJob", RequestCountingProxy.reads(ops) / (double) jobs);
            Figures.print("idle-cost", context, "writeTransactionsToStartPerJob", RequestCountingProxy.writes(ops) / (double) jobs);
            bootstraps.forEach(ScheduleJobBootstrap::shutdown);
            warm.shutdown();
            regCenter.close();
        }
    }

    private static void measure(String connectString, String namespace, int jobs, FourLetterWords words) throws Exception {
        String context = "jobs=" + jobs + " items=2";

        ZookeeperRegistryCenter regCenter = JobMember.connect(connectString, namespace, 10_000);
        long znodesBefore = words.mntrLong("zk_znode_count");
        long watchesBefore = words.watches();
        long zxidBefore = words.zxid();
        long packetsBefore = words.mntrLong("zk_packets_received");
        int threadsBefore = JvmState.liveThreads();
        long heapBefore = JvmState.heapAfterGc();

        List<ScheduleJobBootstrap> bootstraps = new ArrayList<>(jobs);
        List<Double> eachMillis = new ArrayList<>(jobs);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            long one = System.nanoTime();
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, IDLE,
                    JobConfiguration.newBuilder("idle-" + i, 2).cron(YEARLY).build());
            bootstrap.schedule();
            bootstraps.add(bootstrap);
            eachMillis.add((System.nanoTime() - one) / 1e6);
        }
        long scheduleMillis = (System.nanoTime() - start) / 1_000_000;
        long settleMillis = words.awaitQuiet();

        int threadsAfter = JvmState.liveThreads();
        Map<String, Integer> kinds = JvmState.threadsByKind();
        long heapAfter = JvmState.heapAfterGc();
        long znodes = words.mntrLong("zk_znode_count") - znodesBefore;
        long watches = words.watches() - watchesBefore;
        long writes = words.zxid() - zxidBefore;
        long packets = words.mntrLong("zk_packets_received") - packetsBefore;
        Percentiles perJob = new Percentiles(eachMillis);
        Percentiles lastTenth = new Percentiles(eachMillis.subList(jobs - Math.max(1, jobs / 10), jobs));

        String scenario = "idle-cost";
        Figures.print(scenario, context, "scheduleAllMs", scheduleMillis);
        Figures.print(scenario, context, "schedulePerJobMeanMs", perJob.mean());
        Figures.print(scenario, context, "schedulePerJobP99Ms", perJob.at(99));
        Figures.print(scenario, context, "schedulePerJobLastTenthMeanMs", lastTenth.mean());
        Figures.print(scenario, context, "settleAfterScheduleMs", settleMillis);
        Figures.print(scenario, context, "threadsBefore", threadsBefore);
        Figures.print(scenario, context, "threadsAfter", threadsAfter);
        Figures.print(scenario, context, "threadsAdded", threadsAfter - threadsBefore);
        Figures.print(scenario, context, "heapAfterGcMiB", JvmState.mib(heapAfter));
        Figures.print(scenario, context, "heapAddedMiB", JvmState.mib(heapAfter - heapBefore));
        Figures.print(scenario, context, "heapPerJobKiB", (heapAfter - heapBefore) / 1024.0 / jobs);
        Figures.print(scenario, context, "watches", watches);
        Figures.print(scenario, context, "watchesPerJob", watches / (double) jobs);
        Figures.print(scenario, context, "znodes", znodes);
        Figures.print(scenario, context, "znodesPerJob", znodes / (double) jobs);
        Figures.print(scenario, context, "serverPacketsToStartPerJob", packets / (double) jobs);
        Figures.print(scenario, context, "serverZxidGrowthToStartPerJob", writes / (double) jobs);
        LOG.info("idle-cost {}: threads by kind {}", context, kinds);
        // the coordination pool lets its threads go after 10 s without work
        Thread.sleep(11_000);
        Figures.print(scenario, context, "threadsAfterIdle", JvmState.liveThreads());
        Figures.print(scenario, context, "threadsAddedAfterIdle", JvmState.liveThreads() - threadsBefore);
        LOG.info("idle-cost {}: threads by kind after 11 s idle {}", context, JvmState.threadsByKind());

        long shutdownStart = System.nanoTime();
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        Figures.print(scenario, context, "shutdownAllMs", (System.nanoTime() - shutdownStart) / 1_000_000);
        regCenter.close();
    }
}
