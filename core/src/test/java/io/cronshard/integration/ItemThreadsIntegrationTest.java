package io.cronshard.integration;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Job threads are bounded by what runs: jobs share the item threads, a job holds none while idle,
 * and an idle thread goes after a few seconds.
 */
class ItemThreadsIntegrationTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();

    @AfterEach
    void tearDown() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    /** Threads that run items: shared ones idle ({@code cronshard-item-n}) or named after the job they run. */
    private static long itemThreads(String jobPrefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(each -> each.getName().startsWith("cronshard-item") || each.getName().startsWith("cronshard-" + jobPrefix))
                .count();
    }

    @Test
    void fortyOneItemJobsFiringEverySecondShareAFewThreads() {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("threads"));
        Set<String> ran = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            String name = "many-" + i;
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, (SimpleJob) context -> ran.add(name),
                    JobConfiguration.newBuilder(name, 1).cron("* * * * * ?").build());
            bootstrap.schedule();
            bootstraps.add(bootstrap);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.size() == 40);
        AtomicInteger most = new AtomicInteger();
        // each job alone could use up to twice the processors; together they hold about as many threads as run at once
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> {
            most.accumulateAndGet((int) itemThreads("many-"), Math::max);
            return most.get() <= 20;
        });
    }

    @Test
    void anIdleJobHoldsNoThread() {
        String namespace = ZOOKEEPER.uniqueNamespace("idle");
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        AtomicInteger runs = new AtomicInteger();
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, (SimpleJob) context -> runs.incrementAndGet(),
                JobConfiguration.newBuilder("quiet", 4).cron("0 0 0 1 1 ? 2099").build());
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        try (JobOperateAPI operate = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> regCenter.isExisted("/quiet/sharding/3/instance")
                    && !regCenter.isExisted("/quiet/leader/sharding/necessary"));
            operate.trigger("quiet");
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() == 4);
        }
        await("the item threads go once idle").atMost(Duration.ofSeconds(20)).until(() -> itemThreads("quiet") == 0);
    }
}
