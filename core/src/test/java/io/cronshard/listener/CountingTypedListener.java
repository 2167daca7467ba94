package io.cronshard.listener;

import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.api.listener.TypedJobListener;

import java.util.concurrent.atomic.AtomicInteger;

/** A listener found by type name ({@code counting}) in the tests. */
public class CountingTypedListener implements TypedJobListener {

    static final AtomicInteger BEFORE = new AtomicInteger();
    static final AtomicInteger AFTER = new AtomicInteger();

    @Override
    public String getType() {
        return "COUNTING";
    }

    @Override
    public void beforeJobExecuted(ShardingContexts shardingContexts) {
        BEFORE.incrementAndGet();
    }

    @Override
    public void afterJobExecuted(ShardingContexts shardingContexts) {
        AFTER.incrementAndGet();
    }
}
