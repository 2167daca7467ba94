package io.cronshard.examples.spring;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Spring XML demo's one-off job, created by {@code job-class}: runs when the demo asks. */
public class ReportJob implements SimpleJob {

    /** The items run in this JVM; the job's instance is an inner bean the demo cannot look up. */
    static final Set<Integer> ITEMS = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(ShardingContext context) {
        System.out.printf("%s: report part %d of %d%n", context.getJobName(), context.getShardingItem(), context.getShardingTotalCount());
        ITEMS.add(context.getShardingItem());
    }

}
