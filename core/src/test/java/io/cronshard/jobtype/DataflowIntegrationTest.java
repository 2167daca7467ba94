package io.cronshard.jobtype;

import io.cronshard.api.DataflowJob;
import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Dataflow jobs against a real ZooKeeper: one fetch per fire, or streaming until an empty fetch,
 * and streaming that stops when the job is disabled, shut down or its item moves away.
 */
class DataflowIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private String namespace;
    private JobOperateAPI operateAPI;
    private JobConfigurationAPI configurationAPI;

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("dataflow");
        operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
        configurationAPI = JobAPIFactory.createJobConfigurationAPI(ZOOKEEPER.newRegistryCenter(namespace));
    }

    @AfterEach
    void tearDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    private ScheduleJobBootstrap start(DataflowJob<Integer> job, JobConfiguration config) {
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), job, config);
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        return bootstrap;
    }

    private void awaitRegistered(String job) {
        new JobTree(ZOOKEEPER.newRawClient(), namespace).awaitSettled(job, 1, 1);
    }

    /** Each item has a number of batches waiting; each fetch takes one, then nothing is left. */
    private static final class Batches implements DataflowJob<Integer> {

        private final Map<Integer, AtomicInteger> left = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> fetches = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> processed = new ConcurrentHashMap<>();
        private final int batches;

        Batches(int batches) {
            this.batches = batches;
        }

        @Override
        public List<Integer> fetchData(ShardingContext context) {
            fetches.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger()).incrementAndGet();
            AtomicInteger remaining = left.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger(batches));
            return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? List.of(context.getShardingItem()) : List.of();
        }

        @Override
        public void processData(ShardingContext context, List<Integer> data) {
            processed.computeIfAbsent(context.getShardingItem(), key -> new AtomicInteger()).incrementAndGet();
        }

        int processed(int item) {
            return processed.getOrDefault(item, new AtomicInteger()).get();
        }

        int fetches(int item) {
            return fetches.getOrDefault(item, new AtomicInteger()).get();
        }
    }

    /** Always has more data; counts what it processed. */
    private static final class Endless implements DataflowJob<Integer> {

        private final AtomicInteger processed = new AtomicInteger();

        @Override
        public List<Integer> fetchData(ShardingContext context) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            return List.of(1);
        }

        @Override
        public void processData(ShardingContext context, List<Integer> data) {
            processed.incrementAndGet();
        }
    }

    @Test
    void withoutStreamingEachFireFetchesOnce() {
        Batches job = new Batches(5);
        start(job, JobConfiguration.newBuilder("once-per-fire", 2).cron(YEARLY).build());
        awaitRegistered("once-per-fire");

        operateAPI.trigger("once-per-fire");
        await().atMost(Duration.ofSeconds(20)).until(() -> job.processed(0) == 1 && job.processed(1) == 1);
        operateAPI.trigger("once-per-fire");
        await().atMost(Duration.ofSeconds(20)).until(() -> job.processed(0) == 2 && job.processed(1) == 2);
        assertThat(job.fetches(0)).isEqualTo(2);
    }

    @Test
    void withStreamingOneFireProcessesUntilAFetchReturnsNothing() {
        Batches job = new Batches(5);
        start(job, JobConfiguration.newBuilder("streaming", 2).cron(YEARLY).setProperty("streaming.process", "true").build());

        awaitRegistered("streaming");
        operateAPI.trigger("streaming");
        await().atMost(Duration.ofSeconds(20)).until(() -> job.processed(0) == 5 && job.processed(1) == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> job.fetches(0) == 6 && job.fetches(1) == 6);
    }

    @Test
    void streamingStopsWhenTheJobIsDisabled() {
        Endless job = new Endless();
        start(job, JobConfiguration.newBuilder("stop-disabled", 1).cron(YEARLY).setProperty("streaming.process", "true").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            operateAPI.trigger("stop-disabled");
            return job.processed.get() > 3;
        });

        configurationAPI.updateJobConfiguration(configurationAPI.getJobConfiguration("stop-disabled").toBuilder().disabled(true).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            int before = job.processed.get();
            Thread.sleep(300);
            return job.processed.get() == before;
        });
    }

    @Test
    void streamingStopsPromptlyWhenItsItemMovesAndTheInstanceShutsDown() {
        Endless first = new Endless();
        ScheduleJobBootstrap one = start(first, JobConfiguration.newBuilder("stop-moved", 2).cron(YEARLY).setProperty("streaming.process", "true").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            operateAPI.trigger("stop-moved");
            return first.processed.get() > 3;
        });

        // a second instance takes one of the two items; the first stops streaming that one
        Endless second = new Endless();
        start(second, JobConfiguration.newBuilder("stop-moved", 2).cron(YEARLY).setProperty("streaming.process", "true").build());
        long shutdownStart = System.nanoTime();
        one.shutdown();
        bootstraps.remove(one);
        assertThat(Duration.ofNanos(System.nanoTime() - shutdownStart)).isLessThan(Duration.ofSeconds(30));
        int afterShutdown = first.processed.get();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> first.processed.get() == afterShutdown);
    }

    @Test
    void aMalformedStreamingPropertyIsRefused() {
        assertThatThrownBy(() -> start(new Batches(1),
                JobConfiguration.newBuilder("bad-streaming", 1).cron(YEARLY).setProperty("streaming.process", "yes").build()))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("streaming.process")
                .hasMessageContaining("true or false");
    }
}
