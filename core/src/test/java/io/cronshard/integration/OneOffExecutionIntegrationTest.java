package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code OneOffJobBootstrap.execute()} runs the items this instance owns in the split that includes
 * every live instance: instances that call it at about the same time, right after they registered,
 * run every item exactly once between them.
 */
class OneOffExecutionIntegrationTest {

    private static final int ITEMS = 6;
    private static final int ROUNDS = 20;

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final ExecutorService starters = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        starters.shutdownNow();
        ZOOKEEPER.closeClients();
    }

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 3})
    void instancesExecutingTogetherRightAfterRegisteringRunEachItemOncePerRound(int instanceCount) throws Exception {
        String namespace = ZOOKEEPER.uniqueNamespace("oneoff-rounds");
        JobConfiguration config = JobConfiguration.newBuilder("rounds", ITEMS).build();
        for (int round = 1; round <= ROUNDS; round++) {
            Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
            SimpleJob job = context -> runs.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger()).incrementAndGet();
            List<OneOffJobBootstrap> bootstraps = new CopyOnWriteArrayList<>();
            List<ZookeeperRegistryCenter> regCenters = new CopyOnWriteArrayList<>();
            CyclicBarrier allRegistered = new CyclicBarrier(instanceCount);
            List<CompletableFuture<Void>> executed = new ArrayList<>();
            for (int i = 0; i < instanceCount; i++) {
                executed.add(CompletableFuture.runAsync(() -> {
                    ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
                    regCenters.add(regCenter);
                    OneOffJobBootstrap bootstrap = new OneOffJobBootstrap(regCenter, job, config);
                    bootstraps.add(bootstrap);
                    try {
                        allRegistered.await(30, TimeUnit.SECONDS);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                    bootstrap.execute();
                }, starters));
            }
            try {
                CompletableFuture.allOf(executed.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
                int currentRound = round;
                await("round " + round + " runs every item").atMost(Duration.ofSeconds(20))
                        .until(() -> runs.values().stream().mapToInt(AtomicInteger::get).sum() >= ITEMS);
                await("round " + round + " runs no item twice").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(runs).as("runs per item in round %d", currentRound).hasSize(ITEMS)
                                .allSatisfy((item, count) -> assertThat(count.get()).as("runs of item %d", item).isEqualTo(1)));
            } finally {
                bootstraps.forEach(OneOffJobBootstrap::shutdown);
                regCenters.forEach(ZookeeperRegistryCenter::close);
            }
        }
    }

    @Test
    void executeRunsOnlyThisInstancesItemsWhileATriggerRunsTheWholeJob() throws Exception {
        String namespace = ZOOKEEPER.uniqueNamespace("oneoff-own");
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        SimpleJob job = context -> runs.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger()).incrementAndGet();
        JobConfiguration config = JobConfiguration.newBuilder("own", 4).build();
        OneOffJobBootstrap first = new OneOffJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, config);
        OneOffJobBootstrap second = new OneOffJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, config);
        try (JobOperateAPI operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace))) {
            first.execute();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);

            runs.clear();
            operateAPI.trigger("own");
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 4);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> runs.values().stream().allMatch(count -> count.get() == 1));
        } finally {
            first.shutdown();
            second.shutdown();
        }
    }
}
