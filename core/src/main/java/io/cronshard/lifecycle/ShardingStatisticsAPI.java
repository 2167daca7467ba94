package io.cronshard.lifecycle;

import java.util.Collection;

/** Reads the sharding items of a job. */
public interface ShardingStatisticsAPI extends AutoCloseable {

    /**
     * @param jobName a job
     * @return its items in order, each with owner, status, failover and misfire flags; empty when the job does not exist
     */
    Collection<ShardingInfo> getShardingInfo(String jobName);

    /** Closes the connection when the API opened it (created from a server list); otherwise does nothing. */
    @Override
    void close();
}
