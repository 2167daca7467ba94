package io.cronshard.examples.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import org.springframework.stereotype.Component;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Spring Boot demo's cron job ({@code cronshard.jobs.order-sync.job-class}): prints each item it runs. */
@Component
public class OrderSyncJob implements SimpleJob {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Set<Integer> items = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(ShardingContext context) {
        System.out.printf("%s %s item %d (%s)%n", LocalTime.now().format(TIME), context.getJobName(), context.getShardingItem(),
                context.getShardingParameter());
        items.add(context.getShardingItem());
    }

    /** @return the items run so far */
    public Set<Integer> items() {
        return items;
    }
}
