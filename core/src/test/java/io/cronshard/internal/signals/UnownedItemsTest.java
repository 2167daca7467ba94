package io.cronshard.internal.signals;

import io.cronshard.testsupport.MapCacheView;
import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.metrics.JobMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which items no live instance runs. */
class UnownedItemsTest {

    @Test
    void itemsOwnedByALiveInstanceAreOwned() {
        MapCacheView cache = new MapCacheView().put("instances/a", "").split(Map.of(0, "a", 1, "a"));

        assertThat(UnownedItems.unowned(cache, 2)).isEmpty();
    }

    @Test
    void anItemWithoutOwnerOrWithAGoneOwnerIsUnowned() {
        MapCacheView cache = new MapCacheView().put("instances/a", "").split(Map.of(0, "a", 1, "gone"));

        assertThat(UnownedItems.unowned(cache, 3)).containsExactly(1, 2);
    }

    @Test
    void anItemALiveSurvivorRunsByFailoverIsNotUnowned() {
        MapCacheView cache = new MapCacheView().put("instances/a", "").split(Map.of(0, "gone", 1, "gone"))
                .put("sharding/0/failover", "a").put("sharding/1/failover", "also-gone");

        assertThat(UnownedItems.unowned(cache, 2)).containsExactly(1);
    }

    @Test
    void itFollowsInstancesOwnersAndFailoverMarksOnly() {
        assertThat(UnownedItems.follows("instances/a")).isTrue();
        assertThat(UnownedItems.follows("sharding/3/instance")).isTrue();
        assertThat(UnownedItems.follows("sharding/3/failover")).isTrue();
        assertThat(UnownedItems.follows("sharding/3/running")).isFalse();
        assertThat(UnownedItems.follows("config")).isFalse();
    }

    @Test
    void aFireLooksAtTheItemsOnlyWhenSomethingChangedOrAnItemWasUnowned() {
        MapCacheView cache = new MapCacheView().put("instances/a", "").split(Map.of(0, "a", 1, "a"));
        List<String> missed = new ArrayList<>();
        JobSignals signals = new JobSignals("job", "a", new JobMetrics() {
            @Override
            public void fireMissed(String jobName, String reason, int items) {
                missed.add(reason + ":" + items);
            }
        }, null);
        AtomicInteger handedOver = new AtomicInteger();
        Executor coordination = task -> {
            handedOver.incrementAndGet();
            task.run();
        };
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            UnownedItems unowned = new UnownedItems(cache, () -> JobConfiguration.newBuilder("job", 2).cron("* * * * * ?").build(), () -> true,
                    signals, timers, () -> 60_000L, coordination);

            unowned.fired();
            assertThat(handedOver).as("the first fire as leader checks").hasValue(1);
            unowned.fired();
            unowned.fired();
            assertThat(handedOver).as("all owned and nothing changed: nothing to do").hasValue(1);

            cache.put("sharding/1/instance", "gone");
            unowned.nodeChanged(ChangeType.UPDATED, "sharding/1/instance", null, 0L);
            unowned.fired();
            unowned.fired();

            assertThat(missed).containsExactly("NO_OWNER:1", "NO_OWNER:1");
            assertThat(handedOver).hasValue(4);
        } finally {
            timers.shutdownNow();
        }
    }
}
