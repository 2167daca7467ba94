package io.cronshard.internal.instance;

import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.sharding.JobInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The leader's cleanup of {@code servers/{ip}} nodes that no live instance uses any more (a pod
 * restarted on Kubernetes comes back with a new ip; design note 19, docs/design-notes.md). A server node is
 * removed once it has had no instance for the grace period, unless an operator disabled it;
 * the leader's memory of when a server emptied starts afresh when leadership moves.
 */
public final class StaleServers {

    private static final Logger LOG = LoggerFactory.getLogger(StaleServers.class);

    private final JobScope scope;
    private final long graceMillis;
    private final LongSupplier clock;
    private final Map<String, Long> emptySince = new HashMap<>();

    /**
     * @param scope where the job instance lives
     * @param graceMillis how long a server may stay without instances
     * @param clock the time in milliseconds
     */
    public StaleServers(JobScope scope, long graceMillis, LongSupplier clock) {
        this.scope = scope;
        this.graceMillis = graceMillis;
        this.clock = clock;
    }

    /** @return how long a server may stay without instances, in milliseconds */
    public long graceMillis() {
        return graceMillis;
    }

    /**
     * Removes server nodes empty for longer than the grace period. Call on the leader, from the
     * job's serial coordination executor.
     *
     * @return whether some server waits for its grace period to end (call again then)
     */
    public boolean sweep() {
        CacheView cache = scope.cache();
        Set<String> used = new HashSet<>();
        for (String instance : cache.getChildren(JobNodePaths.INSTANCES)) {
            used.add(new JobInstance(instance).getServerIp());
        }
        long now = clock.getAsLong();
        Set<String> servers = new HashSet<>(cache.getChildren(JobNodePaths.SERVERS));
        emptySince.keySet().retainAll(servers);
        for (String server : servers) {
            CachedNode node = cache.get(JobNodePaths.server(server));
            if (used.contains(server) || node == null || JobNodePaths.DISABLED.equals(node.getData())) {
                emptySince.remove(server);
                continue;
            }
            long since = emptySince.computeIfAbsent(server, key -> now);
            if (now - since >= graceMillis) {
                remove(server, node);
                emptySince.remove(server);
            }
        }
        return !emptySince.isEmpty();
    }

    private void remove(String server, CachedNode node) {
        int version = node.version();
        try {
            // at the version seen: a server disabled meanwhile stays
            scope.client().delete().withVersion(version).inBackground((client, event) -> {
                if (event.getResultCode() == 0) {
                    LOG.info("Job '{}': removed server {}, which has had no instance for {} s", scope.jobName(), server, graceMillis / 1000);
                }
            }).forPath(scope.paths().full(JobNodePaths.server(server)));
        } catch (Exception ex) {
            LOG.debug("Cannot remove server {} of job '{}'", server, scope.jobName(), ex);
        }
    }
}
