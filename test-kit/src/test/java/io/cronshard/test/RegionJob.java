package io.cronshard.test;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A user's job, as the kit's tests see it: syncs one region per item and fails the regions it is told to. */
public class RegionJob implements SimpleJob {

    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

    /** @param items the items whose body throws from now on */
    public void failOn(Integer... items) {
        failing.addAll(Set.of(items));
    }

    @Override
    public void execute(ShardingContext context) {
        if (failing.contains(context.getShardingItem())) {
            throw new IllegalStateException("region " + context.getShardingParameter() + " is unreachable");
        }
    }
}
