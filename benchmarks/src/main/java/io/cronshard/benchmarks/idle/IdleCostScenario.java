package io.cronshard.benchmarks.idle;

import io.cronshard.benchmarks.process.JavaProcess;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Idle cost: N jobs of 2 items with a cron that never fires in practice, scheduled in one JVM
 * through one registry center. Each size runs in a fresh child JVM ({@link IdleJobsMain}), so
 * that thread and heap figures are those of an application JVM holding the jobs, and nothing
 * from an earlier size or from the harness is counted. A first, small run goes through the
 * {@link io.cronshard.benchmarks.zookeeper.RequestCountingProxy} to show which requests one
 * {@code schedule()} sends; its timings are not reported (the proxy adds a hop to each).
 */
public final class IdleCostScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("jobs", "profileJobs");

    private static final Logger LOG = LoggerFactory.getLogger(IdleCostScenario.class);

    private final ZookeeperProcess zookeeper;

    /**
     * @param zookeeper the server
     */
    public IdleCostScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param options {@code jobs}: the sizes, e.g. {@code 100,500,2000}; {@code profileJobs}: how
     *                many jobs the request profile schedules (0: none)
     */
    public void run(Options options) throws Exception {
        int profileJobs = options.intValue("profileJobs", 20);
        if (profileJobs > 0) {
            runChild(profileJobs, true);
        }
        for (int jobs : options.intList("jobs", "100,500,2000")) {
            runChild(jobs, false);
        }
    }

    private void runChild(int jobs, boolean profile) throws Exception {
        LOG.info("idle-cost jobs={}{}: starting a child JVM", jobs, profile ? " (request profile through the counting proxy)" : "");
        try (JavaProcess child = JavaProcess.of(IdleJobsMain.class)
                .jvmArgs("-Xmx1g", "-XX:+UseG1GC")
                .args(zookeeper.connectString(), "bench-idle-" + jobs + "-" + System.currentTimeMillis(), String.valueOf(jobs),
                        profile ? "profile" : "measure")
                .start("idle-" + jobs)) {
            int exit = child.waitFor(Duration.ofMinutes(10));
            if (exit != 0) {
                throw new IllegalStateException("The idle-cost child JVM for " + jobs + " jobs failed with exit code " + exit);
            }
        }
    }
}
