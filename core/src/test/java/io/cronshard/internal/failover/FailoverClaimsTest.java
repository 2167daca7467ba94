package io.cronshard.internal.failover;

import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.MapCacheView;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which queued failover items an instance claims, from a map of nodes: no ZooKeeper. */
class FailoverClaimsTest {

    private static final String ME = "10.0.0.1@-@1";

    @Test
    void theEntriesNamingThisInstanceAreClaimedAndThoseOfGoneItemsDropped() {
        MapCacheView cache = new MapCacheView().split(Map.of(0, "x", 1, "x", 2, "x", 3, "x"))
                .put(JobNodePaths.failoverEntry(0), ME)
                .put(JobNodePaths.failoverEntry(1), "10.0.0.2@-@1")
                .put(JobNodePaths.failoverEntry(3), ME)
                .put(JobNodePaths.failoverEntry(5), ME)
                .put(JobNodePaths.FAILOVER_ITEMS + "/junk", ME);
        cache.remove(JobNodePaths.item(3));

        FailoverClaims.Claimable claimable = FailoverClaims.claimable(cache, ME, 4);

        assertThat(claimable.items()).containsExactly(0);
        assertThat(claimable.dropped()).containsExactlyInAnyOrder(3, 5);
    }

    @Test
    void nothingIsClaimedWhenNothingIsQueued() {
        assertThat(FailoverClaims.claimable(new MapCacheView(), ME, 4).items()).isEmpty();
    }
}
