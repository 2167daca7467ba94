package io.cronshard.spring.namespace;

import io.cronshard.metrics.JobMetrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the item signals it is given. */
public class RecordingMetrics implements JobMetrics {

    /** One ended try of an item. */
    record Item(int item, boolean success) {
    }

    final List<Item> items = new CopyOnWriteArrayList<>();
    final List<Integer> overdue = new CopyOnWriteArrayList<>();

    @Override
    public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
        items.add(new Item(shardingItem, success));
    }

    @Override
    public void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
        overdue.add(shardingItem);
    }
}
