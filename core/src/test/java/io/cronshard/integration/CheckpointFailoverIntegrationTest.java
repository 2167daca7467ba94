package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.CheckpointInfo;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.ChildCheckpointJobMain;
import io.cronshard.testsupport.ChildJvm;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobCluster;
import io.cronshard.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checkpoints across instances, against a real ZooKeeper: an item whose instance is killed with
 * {@code kill -9} resumes on the survivor from the last checkpoint it saved, and a zombie — an
 * instance cut off (its session expired) while its body still runs — can neither overwrite the
 * checkpoint of the instance that took its item over nor run the item again beside it.
 * The single-instance behaviours are in {@code io.cronshard.execution.CheckpointIntegrationTest}.
 */
class CheckpointFailoverIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";
    private static final int SESSION_MILLIS = 3_000;
    /** The checkpoints the killed child saves before it dies. */
    private static final int SAVED_BEFORE_KILL = 5;
    /** The checkpoints the survivor saves after it resumed. */
    private static final int SAVED_AFTER_RESUME = 3;
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(20);

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @RegisterExtension
    final JobCluster cluster = new JobCluster(ZOOKEEPER, "checkpoint-failover").sessionTimeout(SESSION_MILLIS);

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final Map<ScheduleJobBootstrap, ZookeeperRegistryCenter> registries = new HashMap<>();
    private final List<CountDownLatch> latches = new ArrayList<>();

    /** One execution of one item, as its body saw it. */
    static final class Run {
        final String instance;
        final int item;
        final String source;
        final long token;
        final long start = System.nanoTime();
        volatile long end;

        Run(String instance, ShardingContext context) {
            this.instance = instance;
            this.item = context.getShardingItem();
            this.source = context.getTaskId().split("@-@")[2];
            this.token = context.getFencingToken();
        }

        @Override
        public String toString() {
            return instance + "#" + item + "(" + source + ", token " + token + ")[" + start / 1_000_000 + ".." + end / 1_000_000 + " ms]";
        }
    }

    @AfterEach
    void shutDown() {
        latches.forEach(each -> {
            while (each.getCount() > 0) {
                each.countDown();
            }
        });
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
    }

    private CountDownLatch latch() {
        CountDownLatch result = new CountDownLatch(1);
        latches.add(result);
        return result;
    }

    private ScheduleJobBootstrap start(SimpleJob job, JobConfiguration config, String connectString) {
        ZookeeperConfiguration zk = ZOOKEEPER.newZookeeperConfiguration(cluster.namespace());
        zk.setServerLists(connectString);
        zk.setSessionTimeoutMilliseconds(SESSION_MILLIS);
        ZookeeperRegistryCenter registry = ZOOKEEPER.newRegistryCenter(zk);
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(registry, job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        registries.put(bootstrap, registry);
        return bootstrap;
    }

    private static void assertNoOverlap(List<Run> runs) {
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                Run a = runs.get(i);
                Run b = runs.get(j);
                long aEnd = a.end == 0 ? Long.MAX_VALUE : a.end;
                long bEnd = b.end == 0 ? Long.MAX_VALUE : b.end;
                if (a.item == b.item && a.start < bEnd && b.start < aEnd) {
                    throw new AssertionError("Item " + a.item + " ran twice at once: " + a + " and " + b);
                }
            }
        }
    }

    // ------------------------------------------------------------------ kill -9

    @Test
    void aKilledInstancesItemResumesOnTheSurvivorFromTheLastCheckpointItSavedWhichTheSurvivorClearsWhenDone() throws Exception {
        killedInstancesItemResumesOnTheSurvivor("resume", false);
    }

    @Test
    void withKeepCheckpointOnSuccessTheSurvivorsCompletedRunLeavesItsOwnLastCheckpoint() throws Exception {
        killedInstancesItemResumesOnTheSurvivor("resume-keep", true);
    }

    private void killedInstancesItemResumesOnTheSurvivor(String job, boolean keep) throws Exception {
        List<Run> runs = new CopyOnWriteArrayList<>();
        List<String> seenOnResume = new CopyOnWriteArrayList<>();
        List<String> savedOnResume = new CopyOnWriteArrayList<>();
        SimpleJob survivorBody = context -> {
            Run run = new Run("survivor", context);
            runs.add(run);
            try {
                if (run.source.equals("FAILOVER")) {
                    String saved = context.getCheckpoint();
                    seenOnResume.add(String.valueOf(saved));
                    int next = saved == null ? 1 : Integer.parseInt(saved) + 1;
                    for (int each = next; each < next + SAVED_AFTER_RESUME; each++) {
                        context.saveCheckpoint(Integer.toString(each));
                        savedOnResume.add(Integer.toString(each));
                    }
                }
            } finally {
                run.end = System.nanoTime();
            }
        };
        try (ChildJvm child = ChildJvm.start(ChildCheckpointJobMain.class, ZOOKEEPER.getConnectString(), cluster.namespace(), job, "2",
                String.valueOf(SESSION_MILLIS), String.valueOf(SAVED_BEFORE_KILL), String.valueOf(keep))) {
            String childId = child.awaitReady(Duration.ofSeconds(60));
            cluster.tree().awaitSettled(job, 2, 1);
            ScheduleJobBootstrap survivor = start(survivorBody, ChildCheckpointJobMain.config(job, 2, keep), ZOOKEEPER.getConnectString());
            cluster.tree().awaitSettled(job, 2, 2);
            int childItem = cluster.tree().owner(job, 0).equals(childId) ? 0 : 1;
            assertThat(cluster.tree().owner(job, childItem)).isEqualTo(childId);

            cluster.operate().trigger(job);
            await().atMost(Duration.ofSeconds(30)).until(() -> child.reports("SAVED").stream()
                    .anyMatch(line -> line.startsWith(childItem + " " + SAVED_BEFORE_KILL + " ")));
            assertThat(child.reports("RESUMED")).as("the child's item started without a checkpoint").singleElement()
                    .satisfies(line -> assertThat(line).startsWith(childItem + " null "));
            long childToken = Long.parseLong(child.reports("RESUMED").get(0).split(" ")[2]);
            assertThat(child.reports("SAVED")).as("each save returned, in order, in the same execution")
                    .containsExactly("%d 1 %d".formatted(childItem, childToken), "%d 2 %d".formatted(childItem, childToken),
                            "%d 3 %d".formatted(childItem, childToken), "%d 4 %d".formatted(childItem, childToken),
                            "%d 5 %d".formatted(childItem, childToken));
            CheckpointInfo beforeKill = cluster.operate().getCheckpoint(job, childItem);
            assertThat(beforeKill.checkpoint()).isEqualTo(Integer.toString(SAVED_BEFORE_KILL));
            assertThat(beforeKill.instanceId()).isEqualTo(childId);
            assertThat(beforeKill.fencingToken()).isEqualTo(childToken);

            child.kill9();

            await().atMost(FAILOVER_BOUND).until(() -> runs.stream().anyMatch(run -> run.source.equals("FAILOVER") && run.end != 0));
            Run failover = runs.stream().filter(run -> run.source.equals("FAILOVER")).findFirst().orElseThrow();
            assertThat(failover.item).isEqualTo(childItem);
            assertThat(failover.token).as("a fresh fencing token, above the dead owner's").isGreaterThan(childToken);
            assertThat(seenOnResume).as("the survivor resumed from the last checkpoint the killed child saved")
                    .containsExactly(Integer.toString(SAVED_BEFORE_KILL));
            List<String> expectedSaves = new ArrayList<>();
            for (int each = SAVED_BEFORE_KILL + 1; each <= SAVED_BEFORE_KILL + SAVED_AFTER_RESUME; each++) {
                expectedSaves.add(Integer.toString(each));
            }
            assertThat(savedOnResume).isEqualTo(expectedSaves);
            await().atMost(Duration.ofSeconds(10)).until(() -> survivor.getStatus().runningItems().isEmpty());
            if (keep) {
                CheckpointInfo kept = cluster.operate().getCheckpoint(job, childItem);
                assertThat(kept.checkpoint()).isEqualTo(Integer.toString(SAVED_BEFORE_KILL + SAVED_AFTER_RESUME));
                assertThat(kept.instanceId()).isEqualTo(survivor.getJobInstanceId());
                assertThat(kept.fencingToken()).isEqualTo(failover.token);
            } else {
                // the failover run completed normally: it cleared the checkpoint (fenced by its failover mark)
                assertThat(cluster.operate().getCheckpoint(job, childItem)).isNull();
            }
            assertThat(runs.stream().filter(run -> run.source.equals("FAILOVER"))).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ the zombie

    @Test
    void aPartitionedZombiesLateSaveIsRefusedAndItNeitherOverwritesNorRunsBesideTheNewOwner() throws Exception {
        try (TcpProxy proxy = new TcpProxy(ZOOKEEPER.getPort())) {
            try {
                zombie("zombie-partition", proxy.getConnectString(), registry -> proxy.partition(), proxy::heal);
            } finally {
                proxy.heal();
            }
        }
    }

    @Test
    void aZombieWhoseSessionExpiredHasItsLateSaveRefusedAndNeitherOverwritesNorRunsBesideTheNewOwner() throws Exception {
        zombie("zombie-expiry", ZOOKEEPER.getConnectString(), ZOOKEEPER::expireSession, () -> {
        });
    }

    /**
     * The survivor joins first, so that the zombie owns item 1 (and gets it back after it rejoined);
     * the zombie's body saves checkpoint 1, then hangs, deaf to interrupts and ownership, through
     * the cut, the failover of its item to the survivor (which resumes from 1 and saves 2), its own
     * return under a new session and the re-split that hands it item 1 again; released, it asks
     * whether it still owns the item, saves again and, refused, throws — with retries left.
     */
    private void zombie(String job, String zombieConnect, Consumer<ZookeeperRegistryCenter> cut, Runnable mend) throws Exception {
        List<Run> runs = new CopyOnWriteArrayList<>();
        CountDownLatch zombieSaved = latch();
        CountDownLatch releaseZombie = latch();
        CountDownLatch survivorSaved = latch();
        CountDownLatch releaseSurvivor = latch();
        AtomicBoolean firstZombieRun = new AtomicBoolean();
        AtomicReference<Boolean> zombieStillOwned = new AtomicReference<>();
        AtomicReference<Object> lateSave = new AtomicReference<>();
        AtomicReference<String> survivorSaw = new AtomicReference<>("(not run)");
        JobConfiguration config = JobConfiguration.newBuilder(job, 2).cron(YEARLY).failover(true).itemRetries(2).itemRetryBackoffMillis(100)
                .build();
        SimpleJob zombieBody = context -> {
            Run run = new Run("zombie", context);
            runs.add(run);
            try {
                if (context.getShardingItem() == 1 && firstZombieRun.compareAndSet(false, true)) {
                    context.saveCheckpoint("1");
                    zombieSaved.countDown();
                    awaitIgnoringInterrupts(releaseZombie);
                    zombieStillOwned.set(context.isItemStillOwned());
                    try {
                        context.saveCheckpoint("zombie-late");
                        lateSave.set("saved");
                    } catch (IllegalStateException refused) {
                        lateSave.set(refused);
                        throw refused;
                    }
                }
            } finally {
                run.end = System.nanoTime();
            }
        };
        SimpleJob survivorBody = context -> {
            Run run = new Run("survivor", context);
            runs.add(run);
            try {
                if (context.getShardingItem() == 1 && run.source.equals("FAILOVER")) {
                    survivorSaw.set(context.getCheckpoint());
                    context.saveCheckpoint("2");
                    survivorSaved.countDown();
                    releaseSurvivor.await(60, TimeUnit.SECONDS);
                }
            } finally {
                run.end = System.nanoTime();
            }
        };
        ScheduleJobBootstrap survivor = start(survivorBody, config, ZOOKEEPER.getConnectString());
        cluster.tree().awaitSettled(job, 2, 1);
        ScheduleJobBootstrap zombie = start(zombieBody, config, zombieConnect);
        cluster.tree().awaitSettled(job, 2, 2);
        String zombieId = zombie.getJobInstanceId();
        assertThat(cluster.tree().owner(job, 1)).isEqualTo(zombieId);

        cluster.operate().trigger(job);
        assertThat(zombieSaved.await(30, TimeUnit.SECONDS)).isTrue();
        long zombieToken = runs.stream().filter(run -> run.instance.equals("zombie")).findFirst().orElseThrow().token;

        cut.accept(registries.get(zombie));
        // the survivor takes item 1 over once the zombie's session is gone, resumes from 1 and saves 2
        assertThat(survivorSaved.await(FAILOVER_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("item 1 failed over to the survivor").isTrue();
        assertThat(survivorSaw.get()).isEqualTo("1");
        mend.run();
        // the zombie is back under a new session and owns item 1 again, while its old body still hangs
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.tree().owner(job, 1).equals(zombieId) && zombie.getStatus().connected());
        CheckpointInfo newOwners = cluster.operate().getCheckpoint(job, 1);
        assertThat(newOwners.checkpoint()).isEqualTo("2");
        assertThat(newOwners.instanceId()).isEqualTo(survivor.getJobInstanceId());
        assertThat(newOwners.fencingToken()).isGreaterThan(zombieToken);

        releaseZombie.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> lateSave.get() != null);
        assertThat(lateSave.get()).as("the zombie's save after the takeover").isInstanceOf(IllegalStateException.class);
        assertThat(zombieStillOwned.get()).as("the zombie's execution no longer owns its item: the session it started in is gone,"
                + " though the instance owns the item again under a new one").isFalse();
        // the zombie neither overwrote the new owner's checkpoint nor tried its item again beside the survivor
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            CheckpointInfo stored = cluster.operate().getCheckpoint(job, 1);
            assertThat(stored).isNotNull();
            assertThat(stored.checkpoint()).isEqualTo("2");
            assertThat(stored.instanceId()).isEqualTo(survivor.getJobInstanceId());
            assertThat(runs).as("no retry of the zombie's execution").filteredOn(run -> run.instance.equals("zombie") && run.item == 1).hasSize(1);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !zombie.getStatus().runningItems().contains(1));
        // the deaf body itself ran on beside the survivor (nothing can stop it); nothing else did
        Run deaf = runs.stream().filter(run -> run.instance.equals("zombie") && run.item == 1).findFirst().orElseThrow();
        assertNoOverlap(runs.stream().filter(run -> run != deaf).toList());

        releaseSurvivor.countDown();
        // the survivor's run completes normally and clears the checkpoint
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.operate().getCheckpoint(job, 1) == null
                && survivor.getStatus().runningItems().isEmpty());
        assertNoOverlap(runs.stream().filter(run -> run != deaf).toList());
    }

    /** A zombie's body: deaf to the interrupt, which it swallows (the interrupt must not be what refuses its next save). */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                if (latch.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException swallowed) {
                // deaf
            }
        }
    }
}
