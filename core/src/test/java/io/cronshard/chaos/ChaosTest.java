package io.cronshard.chaos;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.CheckpointInfo;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.testsupport.CheckpointLedger;
import io.cronshard.testsupport.ChildJvm;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ExecutionRecorder.Execution;
import io.cronshard.testsupport.ExecutionRecorder;
import io.cronshard.testsupport.JobInstances;
import io.cronshard.testsupport.JobTree;
import io.cronshard.testsupport.TcpProxy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chaos suite: real crashes, expiries, ZooKeeper failures and partitions, each ending with
 * the invariants of docs/failure-semantics.md checked over every recorded execution — no item ran on two
 * instances at once, and no fire was lost beyond what the scenario allows. Runs with
 * {@code mvn verify}; alone with {@code mvn -pl core test -Dgroups=chaos}.
 */
@Tag("chaos")
class ChaosTest {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosTest.class);
    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final String EVERY_SECOND = "* * * * * ?";
    private static final int SESSION_MILLIS = 3_000;

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutionRecorder recorder = new ExecutionRecorder();
    private String namespace;
    private JobInstances instances;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("chaos");
        instances = new JobInstances(ZOOKEEPER, namespace, recorder).sessionTimeout(SESSION_MILLIS);
        raw = ZOOKEEPER.newRawClient();
    }

    @AfterEach
    void tearDown() {
        instances.close();
        ZOOKEEPER.closeClients();
    }

    private String owner(String job, int item) {
        return new JobTree(raw, namespace).owner(job, item);
    }

    private Set<Integer> itemsSince(long nanoTime) {
        return recorder.since(nanoTime).stream().map(each -> each.item).collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ kill -9

    @Test
    void aKilledInstancesItemsRunOnTheSurvivorWithinTheSessionTimeout() throws Exception {
        JobConfiguration config = JobConfiguration.newBuilder("kill9", 4).cron(YEARLY).failover(true).build();
        recorder.itemDuration(20_000);
        try (ChildJvm child = ChildJvm.start(ZOOKEEPER.getConnectString(), namespace, "kill9", "4", YEARLY, "60000",
                String.valueOf(SESSION_MILLIS), "true")) {
            String childId = child.awaitReady(Duration.ofSeconds(60));
            instances.start("survivor", config);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Set<String> owners = new TreeSet<>();
                for (int item = 0; item < 4; item++) {
                    owners.add(owner("kill9", item));
                }
                return owners.size() == 2 && owners.contains(childId);
            });
            Set<Integer> childItems = new TreeSet<>();
            for (int item = 0; item < 4; item++) {
                if (owner("kill9", item).equals(childId)) {
                    childItems.add(item);
                }
            }
            io.cronshard.lifecycle.JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace)).trigger("kill9");
            await().atMost(Duration.ofSeconds(20)).until(() -> child.starts().size() == childItems.size() && recorder.all().size() == 2);

            child.kill9();
            long killedAt = System.currentTimeMillis();

            await().atMost(Duration.ofMillis(SESSION_MILLIS + 5_000L)).until(() -> recorder.all().stream()
                    .filter(each -> each.source().equals("FAILOVER")).map(each -> each.item).collect(Collectors.toSet()).equals(childItems));
            long firstFailover = recorder.all().stream().filter(each -> each.source().equals("FAILOVER"))
                    .mapToLong(each -> each.startMillis).min().orElseThrow();
            long lastFailover = recorder.all().stream().filter(each -> each.source().equals("FAILOVER"))
                    .mapToLong(each -> each.startMillis).max().orElseThrow();
            LOG.info("MEASURED failover after kill -9: first item after {} ms, last after {} ms (session timeout {} ms, {} items)",
                    firstFailover - killedAt, lastFailover - killedAt, SESSION_MILLIS, childItems.size());
            assertThat(firstFailover).isGreaterThan(killedAt);
            // the survivor's own items were still running: the failed-over ones started beside them
            assertThat(recorder.all().stream().filter(each -> each.source().equals("MANUAL"))).allMatch(each -> each.end == 0);
            recorder.assertNoOverlap();
        }
    }

    // ------------------------------------------------------------------ session expiry

    @Test
    void anInstanceWhoseSessionExpiresRegistersAgainAndKeepsFiring() throws Exception {
        recorder.itemDuration(200);
        JobConfiguration config = JobConfiguration.newBuilder("expiry", 6).cron(EVERY_SECOND).build();
        ScheduleJobBootstrap a = instances.start("a", config);
        instances.start("b", config);
        instances.start("c", config);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsByInstanceSince(0).size() == 3);

        for (int round = 0; round < 3; round++) {
            // curator-test's KillSession: the client drops its session, which Curator then closes on the server
            ZOOKEEPER.crashSession(instances.regCenter("a"));
            long since = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsByInstanceSince(since).containsKey("a")
                    && itemsSince(since).size() == 6);
        }
        assertThat(raw.checkExists().forPath("/" + namespace + "/expiry/instances/" + a.getJobInstanceId())).isNotNull();
        recorder.assertNoOverlap();
    }

    // ------------------------------------------------------------------ ZooKeeper failures

    @Test
    void firingResumesAfterTheEnsembleLosesItsLeader() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            JobConfiguration config = JobConfiguration.newBuilder("ensemble", 4).cron(EVERY_SECOND).build();
            recorder.itemDuration(100);
            JobInstances onCluster = new JobInstances(ZOOKEEPER, namespace, recorder).sessionTimeout(10_000);
            try {
                onCluster.start("a", config, cluster.getConnectString());
                onCluster.start("b", config, cluster.getConnectString());
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.itemsByInstanceSince(0).size() == 2);

                InstanceSpec leader = findLeader(cluster);
                assertThat(cluster.killServer(leader)).isTrue();
                long killed = System.nanoTime();

                await().atMost(Duration.ofSeconds(60)).until(() -> itemsSince(killed + 1_000_000_000L).size() == 4);
                assertThat(findLeader(cluster)).isNotEqualTo(leader);
                recorder.assertNoOverlap();
            } finally {
                onCluster.close();
            }
        }
    }

    private static InstanceSpec findLeader(TestingCluster cluster) {
        for (InstanceSpec each : cluster.getInstances()) {
            try (Socket socket = new Socket("127.0.0.1", each.getPort())) {
                socket.setSoTimeout(2_000);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                out.print("srvr");
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("Mode: leader")) {
                        return each;
                    }
                }
            } catch (Exception notServing) {
                LOG.debug("Server {} does not answer", each.getPort());
            }
        }
        throw new IllegalStateException("The ensemble has no leader");
    }

    @Test
    void allInstancesResumeAfterAShortNetworkBlip() throws Exception {
        recorder.itemDuration(200);
        JobConfiguration config = JobConfiguration.newBuilder("blip", 6).cron(EVERY_SECOND).build();
        instances.sessionTimeout(10_000);
        instances.start("a", config);
        instances.start("b", config);
        instances.start("c", config);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.itemsByInstanceSince(0).size() == 3);

        ZOOKEEPER.stop();
        Thread.sleep(2_000); // the blip itself, not an assertion
        ZOOKEEPER.restart();
        long up = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.itemsByInstanceSince(up).size() == 3 && itemsSince(up).size() == 6);
        recorder.assertNoOverlap();
    }

    // ------------------------------------------------------------------ the zombie

    @Test
    void aPartitionedZombieStartsNothingAfterTheCutAndRejoinsUnderAFreshSplit() throws Exception {
        recorder.itemDuration(30_000);
        JobConfiguration config = JobConfiguration.newBuilder("zombie", 2).cron(YEARLY).failover(true).build();
        try (TcpProxy proxy = new TcpProxy(ZOOKEEPER.getPort())) {
            ScheduleJobBootstrap zombie = instances.start("zombie", config, proxy.getConnectString());
            instances.start("survivor", config);
            await().atMost(Duration.ofSeconds(20)).until(() -> !owner("zombie", 0).equals(owner("zombie", 1)) && !owner("zombie", 0).isEmpty()
                    && !owner("zombie", 1).isEmpty());
            io.cronshard.lifecycle.JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace)).trigger("zombie");
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == 2);
            int zombieItem = recorder.all().stream().filter(each -> each.instance.equals("zombie")).findFirst().orElseThrow().item;

            proxy.partition();
            long cut = System.nanoTime();

            // the survivor takes the zombie's item over once the server has expired its session
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.since(cut).stream()
                    .anyMatch(each -> each.instance.equals("survivor") && each.item == zombieItem));
            Execution zombieRun = recorder.all().stream().filter(each -> each.instance.equals("zombie")).findFirst().orElseThrow();
            assertThat(zombieRun.end).as("the zombie's item stopped (not owned any more, then interrupted) before the takeover").isNotZero();
            assertThat(recorder.since(cut)).noneMatch(each -> each.instance.equals("zombie"));

            proxy.heal();
            await().atMost(Duration.ofSeconds(30)).until(() -> owner("zombie", 0).equals(zombie.getJobInstanceId())
                    || owner("zombie", 1).equals(zombie.getJobInstanceId()));
            recorder.assertNoOverlap();
        }
    }

    // ------------------------------------------------------------------ a long job

    @Test
    void aLongJobMakesUpMissedFiresOnlyWithMisfireOn() {
        ExecutionRecorder off = new ExecutionRecorder().itemDuration(2_200);
        recorder.itemDuration(2_200);
        try (JobInstances misfireOff = new JobInstances(ZOOKEEPER, namespace, off)) {
            instances.start("a", JobConfiguration.newBuilder("long-on", 1).cron(EVERY_SECOND).misfire(true).build());
            instances.start("b", JobConfiguration.newBuilder("long-on", 1).cron(EVERY_SECOND).misfire(true).build());
            misfireOff.start("a", JobConfiguration.newBuilder("long-off", 1).cron(EVERY_SECOND).misfire(false).build());
            misfireOff.start("b", JobConfiguration.newBuilder("long-off", 1).cron(EVERY_SECOND).misfire(false).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.all().size() >= 4 && off.all().size() >= 3);
            List<Execution> on = recorder.all();
            assertThat(on.stream().filter(each -> each.source().equals("MISFIRE"))).isNotEmpty();
            assertThat(off.all()).allMatch(each -> each.source().equals("NORMAL"));
            // misfire on keeps the item busy back to back; off waits for the next whole second
            for (int i = 1; i < on.size(); i++) {
                if (on.get(i - 1).end != 0) {
                    assertThat((on.get(i).start - on.get(i - 1).end) / 1_000_000L).isLessThan(900L);
                }
            }
            recorder.assertNoOverlap();
            off.assertNoOverlap();
        }
    }

    // ------------------------------------------------------------------ random faults

    /**
     * Random faults — partitions long enough to expire a session and shorter ones, ZooKeeper restarts,
     * instance restarts — under two jobs at once: one whose items just take a while, and one whose
     * items save a checkpoint after each step, fail at random and are retried ({@link CheckpointLedger}).
     * Once the faults stop every item runs again, no item ever ran on two instances at once, and no
     * checkpoint was lost or overwritten by an instance that no longer owned its item.
     */
    @Test
    void invariantsHoldThroughRandomFaults() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        long millis = Long.getLong("chaos.millis", 60_000L);
        LOG.info("Random faults: seed {} (rerun with -Dchaos.seed={}), {} ms", seed, seed, millis);
        Random random = new Random(seed);
        recorder.itemDuration(300);
        JobConfiguration config = JobConfiguration.newBuilder("random", 6).cron(EVERY_SECOND).failover(true).build();
        // a step fails one time in four: about a third of the executions fail after all their tries, leaving a checkpoint for the next
        CheckpointLedger ledger = new CheckpointLedger(4, 60L, 0.25);
        JobConfiguration checkpointed = JobConfiguration.newBuilder("checkpointed", 4).cron(EVERY_SECOND).failover(true)
                .itemRetries(2).itemRetryBackoffMillis(100L).jobErrorHandlerType("IGNORE").build();
        JobInstances withCheckpoints = new JobInstances(ZOOKEEPER, namespace, ledger::jobFor).sessionTimeout(SESSION_MILLIS);
        List<TcpProxy> proxies = new ArrayList<>();
        String[] labels = {"a", "b", "c"};
        Map<String, TcpProxy> proxyOf = new java.util.HashMap<>();
        try {
            for (String label : labels) {
                TcpProxy proxy = new TcpProxy(ZOOKEEPER.getPort());
                proxies.add(proxy);
                proxyOf.put(label, proxy);
                instances.start(label, config, proxy.getConnectString());
                withCheckpoints.start(label, checkpointed, proxy.getConnectString());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.itemsByInstanceSince(0).size() == 3
                    && ledger.completedSince(0).size() == 4);

            Map<String, Integer> faults = new java.util.TreeMap<>();
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                String victim = labels[random.nextInt(labels.length)];
                int kind = random.nextInt(4);
                switch (kind) {
                    case 0 -> {
                        proxyOf.get(victim).partition();
                        Thread.sleep(SESSION_MILLIS + 1_000 + random.nextInt(2_000)); // long enough for the server to expire the session
                        proxyOf.get(victim).heal();
                        faults.merge("partition with session expiry", 1, Integer::sum);
                    }
                    case 1 -> {
                        proxyOf.get(victim).partition();
                        Thread.sleep(200 + random.nextInt(SESSION_MILLIS / 2)); // shorter than the session timeout
                        proxyOf.get(victim).heal();
                        faults.merge("short partition", 1, Integer::sum);
                    }
                    case 2 -> {
                        ZOOKEEPER.stop();
                        Thread.sleep(500 + random.nextInt(1_500)); // ZooKeeper is down this long
                        ZOOKEEPER.restart();
                        faults.merge("zookeeper restart", 1, Integer::sum);
                    }
                    default -> {
                        instances.stop(victim);
                        instances.start(victim, config, proxyOf.get(victim).getConnectString());
                        withCheckpoints.stop(victim);
                        withCheckpoints.start(victim, checkpointed, proxyOf.get(victim).getConnectString());
                        faults.merge("instance restart", 1, Integer::sum);
                    }
                }
                Thread.sleep(1_000 + random.nextInt(3_000)); // time between faults
            }
            for (TcpProxy each : proxies) {
                each.heal();
            }
            long calm = System.nanoTime();
            // liveness: once the faults stop, every item runs again, on every instance's share, and every checkpointed item completes
            await().atMost(Duration.ofSeconds(60)).until(() -> itemsSince(calm).size() == 6
                    && recorder.itemsByInstanceSince(calm).size() == 3 && ledger.completedSince(calm).size() == 4);
            int total = faults.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isPositive();
            recorder.assertNoOverlap();
            ledger.assertNoOverlap();
            // every instance stops; then what is stored is the last word on each item's checkpoint
            withCheckpoints.close();
            JobOperateAPI operate = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
            Map<Integer, String> stored = new java.util.TreeMap<>();
            for (int item = 0; item < 4; item++) {
                CheckpointInfo info = operate.getCheckpoint("checkpointed", item);
                stored.put(item, info == null ? null : info.checkpoint());
            }
            ledger.assertNoLostCheckpoint(stored);
            ledger.assertNoOverlap();
            LOG.info("MEASURED random faults: seed {}, {} faults {}, {} executions, no overlap; checkpointed job: {}, none lost,"
                    + " stored at the end {}", seed, total, faults, recorder.all().size(), ledger.summary(), stored);
        } finally {
            withCheckpoints.close();
            instances.close();
            for (TcpProxy each : proxies) {
                each.close();
            }
        }
    }
}
