package io.cronshard.benchmarks.failover;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.process.JavaProcess;
import io.cronshard.benchmarks.support.ExecutionLog;
import io.cronshard.benchmarks.support.Figures;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.Options;
import io.cronshard.benchmarks.support.ShardingView;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Failover: two instances of a job with {@code failover=true} and long items, one in a child JVM
 * ({@link VictimMain}) that is killed with {@code kill -9} while both run their items. Reports the
 * time from the kill until the survivor, busy with its own items, starts each of the victim's
 * items, against the session timeout: ZooKeeper must first expire the victim's session (session
 * timeout, rounded up to the server's tick), and only then can anyone know it is gone.
 *
 * <p>The items are started by an operator's trigger (yearly cron), so that the kill falls
 * mid-run at a known moment.
 */
public final class FailoverScenario {

    /** The options this scenario reads. */
    public static final List<String> KEYS = List.of("session", "leader", "itemSeconds", "failoverItems");

    private static final Logger LOG = LoggerFactory.getLogger(FailoverScenario.class);
    private static final String JOB = "failover";
    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final long MID_RUN_MILLIS = 2_000;

    private final ZookeeperProcess zookeeper;
    private int runs;

    /**
     * @param zookeeper the server
     */
    public FailoverScenario(ZookeeperProcess zookeeper) {
        this.zookeeper = zookeeper;
    }

    /**
     * @param job the job name
     * @param items its sharding total count
     * @return the job both instances run
     */
    static JobConfiguration jobConfiguration(String job, int items) {
        return JobConfiguration.newBuilder(job, items).cron(YEARLY).failover(true).build();
    }

    /**
     * @param options {@code session} (ms, list), {@code leader} (victim/survivor, list),
     *                {@code itemSeconds}, {@code failoverItems} (the job's item count)
     */
    public void run(Options options) throws Exception {
        int itemSeconds = options.intValue("itemSeconds", 10);
        int items = options.intValue("failoverItems", 4);
        for (int session : options.intList("session", "5000")) {
            for (String leader : options.stringList("leader", "victim,survivor")) {
                measure(session, "victim".equalsIgnoreCase(leader), itemSeconds * 1000L, items);
            }
        }
    }

    private void measure(int sessionMillis, boolean victimLeads, long itemMillis, int items) throws Exception {
        String namespace = "bench-failover-" + (++runs) + "-" + System.currentTimeMillis();
        ExecutionLog log = new ExecutionLog();
        SimpleJob busy = context -> {
            log.record(context);
            long deadline = System.currentTimeMillis() + itemMillis;
            while (System.currentTimeMillis() < deadline && context.isItemStillOwned()) {
                Thread.sleep(20);
            }
        };
        JobConfiguration config = jobConfiguration(JOB, items);
        ZookeeperRegistryCenter admin = JobMember.connect(zookeeper.connectString(), namespace, 10_000);
        JobMember survivor = null;
        JavaProcess victim = null;
        try {
            if (!victimLeads) {
                survivor = JobMember.start(zookeeper.connectString(), namespace, sessionMillis, busy, config);
            }
            victim = JavaProcess.of(VictimMain.class).jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
                    .args(zookeeper.connectString(), namespace, JOB, String.valueOf(items), String.valueOf(itemMillis), String.valueOf(sessionMillis))
                    .captureOutput().start("victim");
            String victimId = victim.awaitLine(line -> line.startsWith("READY "), Duration.ofSeconds(60)).substring("READY ".length());
            if (victimLeads) {
                survivor = JobMember.start(zookeeper.connectString(), namespace, sessionMillis, busy, config);
            }
            Map<Integer, String> owners = new ShardingView(admin).awaitSplit(JOB, items, 2, 30_000);
            String leaderId = admin.get("/" + JOB + "/leader/election/instance");
            Set<Integer> victimItems = owners.entrySet().stream().filter(each -> each.getValue().equals(victimId))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            int negotiated = survivor.negotiatedSessionTimeoutMillis();
            String context = String.format(Locale.ROOT, "session=%d leader=%s itemSeconds=%d items=%d", sessionMillis,
                    victimId.equals(leaderId) ? "victim" : "survivor", itemMillis / 1000, items);
            LOG.info("failover {}: victim {} owns {}, leader {}", context, victimId, victimItems, leaderId);

            JobAPIFactory.createJobOperateAPI(admin).trigger(JOB);
            for (int item : victimItems) {
                victim.awaitLine(line -> line.startsWith("START " + item + " "), Duration.ofSeconds(30));
            }
            awaitSurvivorStarts(log, items - victimItems.size());
            Thread.sleep(MID_RUN_MILLIS);
            Instant killedAt = Instant.now();
            victim.kill9();
            LOG.info("failover {}: killed the victim with kill -9", context);

            long deadline = System.currentTimeMillis() + sessionMillis + 30_000L;
            List<ExecutionLog.Start> failedOver = List.of();
            while (System.currentTimeMillis() < deadline) {
                failedOver = log.matching(each -> "FAILOVER".equals(each.source()));
                if (failedOver.stream().map(ExecutionLog.Start::item).collect(Collectors.toSet()).containsAll(victimItems)) {
                    break;
                }
                Thread.sleep(10);
            }
            report(context, log, killedAt, failedOver, victimItems, sessionMillis, negotiated, itemMillis);
        } finally {
            if (victim != null) {
                victim.close();
            }
            if (survivor != null) {
                survivor.close();
            }
            admin.close();
        }
    }

    private static void awaitSurvivorStarts(ExecutionLog log, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (log.matching(each -> "MANUAL".equals(each.source())).size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The survivor did not start its own items");
            }
            Thread.sleep(10);
        }
    }

    private void report(String context, ExecutionLog log, Instant killedAt, List<ExecutionLog.Start> failedOver, Set<Integer> victimItems,
                        int sessionMillis, int negotiated, long itemMillis) {
        String scenario = "failover";
        Set<Integer> recovered = failedOver.stream().map(ExecutionLog.Start::item).collect(Collectors.toCollection(TreeSet::new));
        long first = failedOver.stream().mapToLong(each -> Duration.between(killedAt, each.at()).toMillis()).min().orElse(-1);
        long last = failedOver.stream().mapToLong(each -> Duration.between(killedAt, each.at()).toMillis()).max().orElse(-1);
        Instant lastStart = failedOver.stream().map(ExecutionLog.Start::at).max(Instant::compareTo).orElse(killedAt);
        boolean busy = log.matching(each -> "MANUAL".equals(each.source())).stream()
                .allMatch(each -> each.at().plusMillis(itemMillis).isAfter(lastStart));
        Figures.print(scenario, context, "victimItems", victimItems.toString().replace(" ", ""));
        Figures.print(scenario, context, "failedOverItems", recovered.toString().replace(" ", ""));
        Figures.print(scenario, context, "negotiatedSessionMs", negotiated);
        Figures.print(scenario, context, "serverTickMs", zookeeper.tickMillis());
        Figures.print(scenario, context, "firstFailedOverItemMs", first);
        Figures.print(scenario, context, "lastFailedOverItemMs", last);
        Figures.print(scenario, context, "lastMinusSessionMs", last - negotiated);
        Figures.print(scenario, context, "withinSessionPlus1s", recovered.containsAll(victimItems) && last <= negotiated + 1_000L);
        Figures.print(scenario, context, "survivorBusyMeanwhile", busy);
    }
}
