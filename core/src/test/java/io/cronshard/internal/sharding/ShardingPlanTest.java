package io.cronshard.internal.sharding;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.MapCacheView;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The leader's resharding plan, from a map of nodes: no ZooKeeper. */
class ShardingPlanTest {

    private static ShardingPlan.Step create(String path, String data) {
        return new ShardingPlan.Step(ShardingPlan.Step.Kind.CREATE, path, data, -1);
    }

    @Test
    void aFirstSplitCreatesTheFolderEachItemAndItsOwner() {
        ShardingPlan plan = ShardingPlan.of(new MapCacheView(), 2, Map.of(0, "a", 1, "b"));

        assertThat(plan.changed()).isTrue();
        assertThat(plan.steps()).containsExactly(create("sharding", null), create("sharding/0", null), create("sharding/0/instance", "a"),
                create("sharding/1", null), create("sharding/1/instance", "b"));
    }

    @Test
    void theSplitInPlaceWritesNothing() {
        MapCacheView cache = new MapCacheView().split(Map.of(0, "a", 1, "b"));

        ShardingPlan plan = ShardingPlan.of(cache, 2, Map.of(0, "a", 1, "b"));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.changed()).isFalse();
    }

    @Test
    void anOwnerThatChangesIsSetAtTheVersionSeen() {
        MapCacheView cache = new MapCacheView().split(Map.of(0, "a")).put(JobNodePaths.itemInstance(1), "b", 7);

        ShardingPlan plan = ShardingPlan.of(cache, 2, Map.of(0, "a", 1, "a"));

        assertThat(plan.steps()).containsExactly(new ShardingPlan.Step(ShardingPlan.Step.Kind.SET, "sharding/1/instance", "a", 7));
    }

    @Test
    void anItemWithoutAnyInstanceGetsNoOwner() {
        MapCacheView cache = new MapCacheView().split(Map.of(0, "a"));

        assertThat(ShardingPlan.of(cache, 1, Map.of()).steps())
                .containsExactly(new ShardingPlan.Step(ShardingPlan.Step.Kind.SET, "sharding/0/instance", "", 0));
    }

    @Test
    void itemsBeyondTheCountGoWithTheirMarksUnlessTheyStillRun() {
        MapCacheView cache = new MapCacheView().split(Map.of(0, "a", 1, "a", 2, "a"))
                .put(JobNodePaths.itemMisfire(1), null).put(JobNodePaths.itemRunning(2), null);

        ShardingPlan plan = ShardingPlan.of(cache, 1, Map.of(0, "a"));

        assertThat(plan.changed()).isTrue();
        assertThat(plan.steps()).extracting(ShardingPlan.Step::path)
                .containsExactly("sharding/1/instance", "sharding/1/misfire", "sharding/1");
    }
}
