package io.cronshard.internal.failover;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Follows the deletions that tell a crash — instance nodes, and {@code running} and {@code failover}
 * marks — through the {@link CrashDetector}, and hands the items a crashed instance was running to
 * the {@link FailoverQueue} when the job fails over. Every instance keeps watching, so that a newly
 * elected leader knows what its crashed predecessor was running.
 */
public final class CrashWatch implements CacheListener {

    private static final Logger LOG = LoggerFactory.getLogger(CrashWatch.class);

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final CrashDetector crashes = new CrashDetector();
    private final FailoverQueue queue;
    private final LongSupplier currentSession;
    private final Runnable flushQueue;

    /**
     * @param scope where the job instance lives
     * @param config the current configuration
     * @param queue where crashed items go
     * @param currentSession the id of this instance's ZooKeeper session now
     * @param flushQueue writes the queue (on the leader), off the event thread
     */
    public CrashWatch(JobScope scope, Supplier<JobConfiguration> config, FailoverQueue queue, LongSupplier currentSession, Runnable flushQueue) {
        this.scope = scope;
        this.config = config;
        this.queue = queue;
        this.currentSession = currentSession;
        this.flushQueue = flushQueue;
    }

    /** @return which cache paths this part follows */
    public static boolean follows(String relative) {
        return relative.startsWith(JobNodePaths.INSTANCES + "/")
                || relative.startsWith(JobNodePaths.SHARDING + "/") && (relative.endsWith("/running") || relative.endsWith("/failover"));
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type != ChangeType.DELETED) {
            return;
        }
        if (relative.startsWith(JobNodePaths.INSTANCES + "/")) {
            boolean ownCurrentSession = JobNodePaths.leafOf(relative).equals(scope.instanceId())
                    && node.getStat() != null && node.getStat().getEphemeralOwner() == currentSession.getAsLong();
            if (!ownCurrentSession) {
                // another instance, or a previous session of this one, ended with what it was running
                failOver(crashes.instanceDeleted(zxid));
            }
        } else {
            failOver(crashes.markDeleted(JobNodePaths.itemOf(relative), zxid));
        }
    }

    private void failOver(Set<Integer> crashedItems) {
        if (crashedItems.isEmpty() || !config.get().isFailover()) {
            return;
        }
        LOG.info("Job '{}': items {} were running on an instance that is gone", scope.jobName(), crashedItems);
        queue.add(crashedItems);
        flushQueue.run();
    }
}
