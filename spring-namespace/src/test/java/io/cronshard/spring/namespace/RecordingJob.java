package io.cronshard.spring.namespace;

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
}
