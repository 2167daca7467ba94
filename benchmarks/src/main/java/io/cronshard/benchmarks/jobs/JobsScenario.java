package io.cronshard.benchmarks.jobs;

import io.cronshard.benchmarks.chart.ChartFile;
import io.cronshard.benchmarks.chart.Panel;
import io.cronshard.benchmarks.process.FigureChild;
import io.cronshard.benchmarks.process.JavaProcess;
import io.cronshard.benchmarks.support.FigureTable;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Jobs per instance, 100 to 5 000 (the cost curve of an application that holds many jobs, the
 * start cost, and the footprint): each size in a fresh child JVM ({@link JobsMain}) that
 * schedules that many idle jobs through one registry center. Figures: the time from the first
 * {@code schedule()} until every job's {@code instances/{id}} node exists (total and per job),
 * {@code schedule()}'s own time, threads, heap after GC, watches, znodes and requests per job.
 * A first, small run through the counting proxy shows which requests one start sends. Draws
 * {@code jobs.png}.
 */
public final class JobsScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("jobs", "items", "profileJobs", "idleSeconds", "charts");

    private static final Logger LOG = LoggerFactory.getLogger(JobsScenario.class);

    private final ZookeeperProcess zookeeper;

    /**
     * @param zookeeper the server
     */
    public JobsScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param options {@code jobs} (sizes), {@code items} (per job), {@code profileJobs} (0: no
     *                request profile), {@code idleSeconds} (before the last thread count; 0: none), {@code charts}
     */
    public void run(Options options) throws Exception {
        int items = options.intValue("items", 2);
        int profileJobs = options.intValue("profileJobs", 100);
        int idleSeconds = options.intValue("idleSeconds", 11);
        FigureTable figures = new FigureTable();
        if (profileJobs > 0) {
            runChild(profileJobs, items, "profile", 0, figures);
        }
        for (int jobs : options.intList("jobs", "100,500,2000,5000")) {
            runChild(jobs, items, "measure", idleSeconds, figures);
        }
        Path chart = ChartFile.writePng(options.chartsDirectory(), "jobs", 3, panels(figures));
        LOG.info("jobs: chart written to {}", chart.toAbsolutePath());
    }

    private void runChild(int jobs, int items, String mode, int idleSeconds, FigureTable figures) throws Exception {
        LOG.info("jobs jobs={} items={} ({}): starting a child JVM", jobs, items, mode);
        FigureChild.run(JavaProcess.of(JobsMain.class)
                        .jvmArgs("-Xmx1g", "-XX:+UseG1GC")
                        .args(zookeeper.connectString(), "bench-jobs-" + jobs + "-" + System.currentTimeMillis(), String.valueOf(jobs),
                                String.valueOf(items), mode, String.valueOf(idleSeconds)),
                "jobs-" + jobs, Duration.ofMinutes(15), figures);
    }

    static List<Panel> panels(FigureTable figures) {
        return List.of(
                Panel.of("Start: first schedule() to every instance registered", "jobs in one JVM", "seconds").logX().fromZero()
                        .series("all registered", seconds(figures.curve("registeredAllMs", "jobs")))
                        .linearFromFirstPoint("all registered")
                        .series("schedule() calls returned", seconds(figures.curve("scheduleAllMs", "jobs"))),
                Panel.of("Start cost per job", "jobs in one JVM", "ms per job").logX().fromZero()
                        .series("all registered / jobs", figures.curve("registeredAllPerJobMs", "jobs"))
                        .series("schedule() mean", figures.curve("schedulePerJobMeanMs", "jobs"))
                        .series("registration lag p99", figures.curve("registrationLagP99Ms", "jobs")),
                Panel.of("ZooKeeper footprint per job", "jobs in one JVM", "per job").logX().fromZero()
                        .series("znodes", figures.curve("znodesPerJob", "jobs"))
                        .series("watches", figures.curve("watchesPerJob", "jobs"))
                        .series("packets to start", figures.curve("serverPacketsToStartPerJob", "jobs"))
                        .series("write transactions to start", figures.curve("serverZxidGrowthToStartPerJob", "jobs")),
                Panel.of("Threads in the JVM", "jobs in one JVM", "live threads").logX().fromZero()
                        .series("after start", figures.curve("threads", "jobs"))
                        .series("after idle", figures.curve("threadsAfterIdle", "jobs")),
                Panel.of("Heap after GC", "jobs in one JVM", "MiB").logX().fromZero()
                        .series("heap", figures.curve("heapAfterGcMiB", "jobs"))
                        .series("added by the jobs", figures.curve("heapAddedMiB", "jobs"))
                        .linearFromFirstPoint("added by the jobs"),
                Panel.of("Heap per job", "jobs in one JVM", "KiB per job").logX().fromZero()
                        .series("heap added / jobs", figures.curve("heapPerJobKiB", "jobs")));
    }

    private static java.util.Map<Double, Double> seconds(java.util.Map<Double, Double> millis) {
        java.util.Map<Double, Double> result = new java.util.TreeMap<>();
        millis.forEach((x, y) -> result.put(x, y / 1000.0));
        return result;
    }
}
