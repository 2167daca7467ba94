package io.cronshard.api;

import java.util.List;

/**
 * A job that fetches a batch of data for a sharding item and then processes it.
 *
 * @param <T> the type of one datum
 */
public interface DataflowJob<T> extends Job {

    /**
     * Fetches the data of one sharding item.
     *
     * @param shardingContext the item
     * @return the data to process; an empty list means there is nothing to do
     */
    List<T> fetchData(ShardingContext shardingContext);

    /**
     * Processes the data fetched for one sharding item.
     *
     * @param shardingContext the item
     * @param data what {@link #fetchData(ShardingContext)} returned
     */
    void processData(ShardingContext shardingContext, List<T> data);
}
