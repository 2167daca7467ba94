package io.cronshard.spring.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the sharding context of every item it runs. */
public class RecordingJob implements SimpleJob {

    private final List<ShardingContext> executions = new CopyOnWriteArrayList<>();

    @Override
    public void execute(ShardingContext context) {
        executions.add(context);
    }

    public List<ShardingContext> executions() {
        return executions;
    }

    public List<Integer> items() {
        return executions.stream().map(ShardingContext::getShardingItem).distinct().sorted().toList();
    }

    /** A second job class, so that two jobs of one context each have their own bean. */
    public static class Other extends RecordingJob {
    }
}
