package io.cronshard.test;

import io.cronshard.api.JobConfiguration;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.ShardingOperateAPI;
import io.cronshard.metrics.JobMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test kit used as a user would: a job of their own, instances, a fire now, and what ran where. */
@ExtendWith(CronshardTestExtension.class)
class CronshardTestExtensionTest {

    private static TestZookeeper classZookeeper;

    private static JobConfiguration.Builder regions() {
        return JobConfiguration.newBuilder("regions", 4).cron("0 0 3 * * ?").shardingItemParameters("0=north,1=south,2=east,3=west");
    }

    @BeforeAll
    static void rememberTheServer(TestZookeeper zookeeper) {
        classZookeeper = zookeeper;
    }

    @Test
    void fireNowRunsEveryItemOnceAcrossTheInstancesAndSaysWhereEachRan(CronshardTestContext cronshard) {
        AtomicInteger ownMetrics = new AtomicInteger();
        JobConfiguration config = regions().metrics(new JobMetrics() {
            @Override
            public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
                ownMetrics.incrementAndGet();
            }
        }).build();
        String first = cronshard.schedule(new RegionJob(), config).getJobInstanceId();
        String second = cronshard.schedule(cronshard.newRegistryCenter(), new RegionJob(), config).getJobInstanceId();

        JobFire fire = cronshard.fireNow("regions");

        assertThat(fire.items()).containsExactly(0, 1, 2, 3);
        assertThat(fire.succeeded()).isTrue();
        assertThat(fire.itemsByInstance()).containsOnlyKeys(first, second);
        assertThat(fire.itemsByInstance().values()).allSatisfy(items -> assertThat(items).hasSize(2));
        assertThat(fire.executions()).extracting(ItemExecution::executionSource).containsOnly("MANUAL");
        assertThat(cronshard.instances("regions")).containsExactlyInAnyOrder(first, second);
        // the job's own hook still hears of every execution
        assertThat(ownMetrics.get()).isEqualTo(4);

        JobFire again = cronshard.fireNow("regions");
        assertThat(again.items()).containsExactly(0, 1, 2, 3);
        assertThat(cronshard.executions("regions")).hasSize(8);
    }

    @Test
    void aFailingItemIsAFailedItemOfTheFire(CronshardTestContext cronshard) {
        RegionJob job = new RegionJob();
        job.failOn(2);
        cronshard.oneOff(job, JobConfiguration.newBuilder("once", 3).build());

        JobFire fire = cronshard.fireNow("once");

        assertThat(fire.items()).containsExactly(0, 1, 2);
        assertThat(fire.failedItems()).containsExactly(2);
        assertThat(fire.succeeded()).isFalse();
    }

    @Test
    void disabledItemsAreNotWaitedFor(CronshardTestContext cronshard) {
        cronshard.schedule(new RegionJob(), regions().build());
        try (ShardingOperateAPI items = JobAPIFactory.createShardingOperateAPI(cronshard.registryCenter())) {
            items.disable("regions", 1);
        }
        assertThat(cronshard.fireNow("regions").items()).containsExactly(0, 2, 3);
    }

    @Test
    void aJobThatDoesNotExistFailsTheTestWithAMessage(CronshardTestContext cronshard) {
        assertThatThrownBy(() -> cronshard.fireNow("absent", Duration.ofMillis(200))).isInstanceOf(AssertionError.class)
                .hasMessage("No job named 'absent' in namespace '" + cronshard.namespace() + "'");
    }

    @Test
    void everyTestHasAFreshNamespaceOnTheClassesServer(CronshardTestContext cronshard, TestZookeeper zookeeper) {
        assertThat(zookeeper).isSameAs(classZookeeper).isSameAs(cronshard.zookeeper());
        assertThat(cronshard.namespace()).startsWith("cronshard-test-");
        assertThat(cronshard.registryCenter().getChildrenKeys("/")).isEmpty();
    }

    @Nested
    class InANestedClass {

        @Test
        void theEnclosingClassesServerIsUsed(CronshardTestContext cronshard) {
            assertThat(cronshard.zookeeper()).isSameAs(classZookeeper);
            cronshard.schedule(new RegionJob(), regions().build());
            assertThat(cronshard.fireNow("regions").itemsByInstance().values()).containsExactly(List.of(0, 1, 2, 3));
        }
    }
}
