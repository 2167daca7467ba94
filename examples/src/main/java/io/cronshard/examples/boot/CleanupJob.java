package io.cronshard.examples.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Spring Boot demo's one-off job ({@code cronshard.jobs.cleanup}): runs when the demo asks. */
@Component
public class CleanupJob implements SimpleJob {

    private final Set<Integer> items = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(ShardingContext context) {
        System.out.printf("%s: cleanup part %d of %d%n", context.getJobName(), context.getShardingItem(), context.getShardingTotalCount());
        items.add(context.getShardingItem());
    }

    /** @return the items run so far */
    public Set<Integer> items() {
        return items;
    }
}
