package io.cronshard.examples.spring;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Spring XML demo's cron job: prints each item it runs. */
public class CityJob implements SimpleJob {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Set<Integer> items = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(ShardingContext context) {
        System.out.printf("%s %s item %d (%s), job parameter '%s'%n", LocalTime.now().format(TIME), context.getJobName(),
                context.getShardingItem(), context.getShardingParameter(), context.getJobParameter());
        items.add(context.getShardingItem());
    }

    /** @return the items run so far */
    public Set<Integer> items() {
        return items;
    }
}
