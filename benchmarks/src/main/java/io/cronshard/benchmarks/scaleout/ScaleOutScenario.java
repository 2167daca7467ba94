package io.cronshard.benchmarks.scaleout;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.support.ExecutionLog;
import io.cronshard.benchmarks.support.Figures;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.support.ShardingView;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scale-out: N instances run a job of M items firing every second; one more instance starts.
 * Reports the time from its start (registry center {@code init()}, then {@code schedule()}) to
 * its first item run, how many cron fires passed between {@code schedule()} returning and that
 * run (0: it ran from the very next fire), how many items changed hands, and whether any item
 * missed a fire or ran twice while they moved.
 */
public final class ScaleOutScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("from", "scaleItems");

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutScenario.class);
    private static final String JOB = "scale";
    private static final int SESSION_MILLIS = 10_000;

    private final ZookeeperProcess zookeeper;
    private int runs;

    /**
     * @param zookeeper the server
     */
    public ScaleOutScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param options {@code from} (instances before, list) and {@code scaleItems} (items, list)
     */
    public void run(Options options) throws Exception {
        for (int from : options.intList("from", "2")) {
            for (int items : options.intList("scaleItems", "10")) {
                measure(from, items);
            }
        }
    }

    private void measure(int from, int items) throws Exception {
        String namespace = "bench-scale-" + (++runs) + "-" + System.currentTimeMillis();
        String context = String.format(Locale.ROOT, "from=%d to=%d items=%d", from, from + 1, items);
        ExecutionLog log = new ExecutionLog();
        JobConfiguration config = JobConfiguration.newBuilder(JOB, items).cron("* * * * * ?").build();
        List<JobMember> members = new ArrayList<>();
        ZookeeperRegistryCenter admin = JobMember.connect(zookeeper.connectString(), namespace, SESSION_MILLIS);
        try {
            for (int i = 0; i < from; i++) {
                members.add(JobMember.start(zookeeper.connectString(), namespace, SESSION_MILLIS, log::record, config));
            }
            ShardingView view = new ShardingView(admin);
            view.awaitSplit(JOB, items, from, 30_000);
            Thread.sleep(3_000);
            Map<Integer, String> before = view.owners(JOB, items);
            // join a quarter into a second, as an application would at any moment
            long now = System.currentTimeMillis();
            Thread.sleep((now / 1000 + 1) * 1000 + 250 - now);
            long coverageFrom = Instant.now().getEpochSecond() - 2;

            Instant started = Instant.now();
            ZookeeperRegistryCenter regCenter = JobMember.connect(zookeeper.connectString(), namespace, SESSION_MILLIS);
            Instant scheduling = Instant.now();
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, (SimpleJob) log::record, config);
            bootstrap.schedule();
            Instant scheduled = Instant.now();
            String newcomer = bootstrap.getJobInstanceId();
            ExecutionLog.Start first = awaitFirstRun(log, newcomer);
            Thread.sleep(3_000);
            Map<Integer, String> after = view.awaitSplit(JOB, items, from + 1, 10_000);
            long coverageTo = Instant.now().getEpochSecond() - 1;
            bootstrap.shutdown();
            regCenter.close();

            int moved = 0;
            for (int item = 0; item < items; item++) {
                if (!after.get(item).equals(before.get(item))) {
                    moved++;
                }
            }
            // a run inside the second schedule() returned in is the fire of that second, which the others ran already
            long firesBetween = first.second() - scheduled.getEpochSecond() - 1;
            long joinSecond = scheduling.getEpochSecond();
            ExecutionLog.Coverage coverage = log.coverage(coverageFrom, coverageTo, items);
            String scenario = "scale-out";
            Figures.print(scenario, context, "initMs", Duration.between(started, scheduling).toMillis());
            Figures.print(scenario, context, "scheduleMs", Duration.between(scheduling, scheduled).toMillis());
            Figures.print(scenario, context, "startToFirstRunMs", Duration.between(started, first.at()).toMillis());
            Figures.print(scenario, context, "scheduleReturnToFirstRunMs", Duration.between(scheduled, first.at()).toMillis());
            Figures.print(scenario, context, "firstRunSource", first.source());
            Figures.print(scenario, context, "firstRunMsIntoSecond", first.microsIntoSecond() / 1000);
            Figures.print(scenario, context, "firstRunIsFireOfJoinSecond", first.second() == joinSecond);
            Figures.print(scenario, context, "firesSkippedAfterJoin", Math.max(0, firesBetween));
            Figures.print(scenario, context, "itemsMoved", moved);
            Figures.print(scenario, context, "itemsMovedMinimum", items / (from + 1));
            Figures.print(scenario, context, "newcomerItems", after.values().stream().filter(newcomer::equals).count());
            Figures.print(scenario, context, "coverageFires", coverage.fires());
            Figures.print(scenario, context, "gaps", coverage.gaps());
            Figures.print(scenario, context, "duplicates", coverage.duplicates());
            Figures.print(scenario, context, "duplicatesInJoinSecond", log.coverage(joinSecond, joinSecond + 1, items).duplicates());
            LOG.info("scale-out {}: before {} after {}", context, before, after);
        } finally {
            members.forEach(JobMember::close);
            admin.close();
        }
    }

    private static ExecutionLog.Start awaitFirstRun(ExecutionLog log, String instance) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<ExecutionLog.Start> mine = log.matching(each -> each.instance().equals(instance));
            if (!mine.isEmpty()) {
                return mine.stream().min((a, b) -> a.at().compareTo(b.at())).orElseThrow();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The new instance " + instance + " ran nothing within 20 s");
    }
}
