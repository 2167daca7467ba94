package io.cronshard.internal.sharding;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The leader's resharding seam without ZooKeeper: it never clears the resharding flag at a version
 * its cache read ahead of the instances it has applied (the split would leave out the instance that
 * raised it, and a second split would follow without the flag).
 */
class ShardingRebalancerTest {

    private static final long FLAG_ZXID = 42;

    private final CuratorFramework client = mock(CuratorFramework.class);
    private final JobTreeCache cache = mock(JobTreeCache.class);
    private final LeaderElection election = mock(LeaderElection.class);
    private final JobConfiguration config = JobConfiguration.newBuilder("job", 4).build();
    private final ShardingRebalancer rebalancer = new ShardingRebalancer(
            new JobScope("job", "10.0.0.1@-@1", new JobNodePaths("job"), client, cache), () -> config, election);

    @Test
    void holdsBackWhileTheFlagIsAheadOfTheCachedInstances() {
        standingFlag();
        when(cache.isCaughtUpWith(FLAG_ZXID)).thenReturn(false);

        assertThat(rebalancer.rebalance()).as("asks to be run again once the cache caught up").isFalse();

        verifyNoInteractions(client);
        verify(cache, never()).getChildren(JobNodePaths.INSTANCES);
    }

    @Test
    void waitsForTheFirstLoadWhichAsksAgainWhenItEnds() {
        standingFlag();
        when(cache.isLoaded()).thenReturn(false);

        assertThat(rebalancer.rebalance()).isTrue();

        verifyNoInteractions(client);
        verify(cache, never()).getChildren(JobNodePaths.INSTANCES);
    }

    @Test
    void aFollowerWritesNothing() {
        standingFlag();
        when(election.isLeader()).thenReturn(false);

        assertThat(rebalancer.rebalance()).isTrue();

        verifyNoInteractions(client);
    }

    private void standingFlag() {
        when(election.isLeader()).thenReturn(true);
        when(cache.isLoaded()).thenReturn(true);
        when(cache.exists(JobNodePaths.CONFIG)).thenReturn(true);
        Stat stat = new Stat();
        stat.setVersion(2);
        stat.setMzxid(FLAG_ZXID);
        when(cache.get(JobNodePaths.SHARDING_NECESSARY)).thenReturn(CachedNode.of("", stat));
    }
}
