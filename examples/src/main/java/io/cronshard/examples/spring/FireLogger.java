package io.cronshard.examples.spring;

import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;

/** A listener bean of the Spring XML demo: one line per fire on this instance. */
public class FireLogger implements JobListener {

    @Override
    public void beforeJobExecuted(ShardingContexts shardingContexts) {
    }

    @Override
    public void afterJobExecuted(ShardingContexts shardingContexts) {
        System.out.println("  fire of " + shardingContexts.getJobName() + " done");
    }
}
