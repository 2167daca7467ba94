package io.cronshard.internal.signals;

import io.cronshard.testsupport.MapCacheView;
import org.junit.jupiter.api.Test;

import java.util.Map;

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
}
