package io.cronshard.spring.namespace;

import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the fires it is called around. */
public class CountingListener implements JobListener {

    final AtomicInteger before = new AtomicInteger();
    final AtomicInteger after = new AtomicInteger();

    @Override
    public void beforeJobExecuted(ShardingContexts shardingContexts) {
        before.incrementAndGet();
    }

    @Override
    public void afterJobExecuted(ShardingContexts shardingContexts) {
        after.incrementAndGet();
    }
}
