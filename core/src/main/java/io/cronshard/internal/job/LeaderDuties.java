package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.election.LeaderElection;
import io.cronshard.internal.failover.FailoverQueue;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.instance.StaleServers;
import io.cronshard.internal.runtime.Timers;
import io.cronshard.internal.sharding.ShardingRebalancer;
import io.cronshard.internal.storage.JobNodePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the leader of a job does, run on the job's coordination executor whenever the split may
 * need a change: reshards, queues failover items, and removes servers left without instances
 * (a timer runs only while a server waits for its grace period). Any instance requests it; only
 * the leader writes. A write refused because the cache was a step behind is tried again once the
 * cache has caught up, a few times. It follows, in the cache, what changes the split: instances
 * joining or leaving, servers, the resharding flag, owners changed or deleted, and the running
 * marks of items beyond the item count.
 */
final class LeaderDuties implements CacheListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderDuties.class);
    private static final int MAX_WRITE_RETRIES = 5;

    private final JobScope scope;
    private final Supplier<JobConfiguration> config;
    private final LeaderElection election;
    private final ShardingRebalancer rebalancer;
    private final FailoverQueue failoverQueue;
    private final StaleServers staleServers;
    private final Timers timers;
    private final String sweepKey;
    private final Executor coordination;
    private final BooleanSupplier running;
    private final BooleanSupplier connected;
    private final AtomicBoolean queued = new AtomicBoolean();
    private int writeRetries;
    private boolean sweepScheduled;

    LeaderDuties(JobScope scope, Supplier<JobConfiguration> config, LeaderElection election, FailoverQueue failoverQueue,
                 StaleServers staleServers, Timers timers, String sweepKey, Executor coordination, BooleanSupplier running,
                 BooleanSupplier connected) {
        this.scope = scope;
        this.config = config;
        this.election = election;
        this.rebalancer = new ShardingRebalancer(scope, config, election);
        this.failoverQueue = failoverQueue;
        this.staleServers = staleServers;
        this.timers = timers;
        this.sweepKey = sweepKey;
        this.coordination = coordination;
        this.running = running;
        this.connected = connected;
    }

    /** @return which cache paths this part follows */
    static boolean follows(String relative) {
        return relative.startsWith(JobNodePaths.INSTANCES + "/") || relative.startsWith(JobNodePaths.SERVERS + "/")
                || relative.equals(JobNodePaths.SHARDING_NECESSARY)
                || relative.startsWith(JobNodePaths.SHARDING + "/") && (relative.endsWith("/instance") || relative.endsWith("/running"));
    }

    /** Asks the leader to check the split (and the failover queue, and stale servers); does nothing elsewhere. */
    void requestRebalance() {
        if (running.getAsBoolean() && election.isLeader() && queued.compareAndSet(false, true)) {
            coordination.execute(() -> {
                queued.set(false);
                if (running.getAsBoolean() && connected.getAsBoolean()) {
                    boolean applied = rebalancer.rebalance() & failoverQueue.flush();
                    retryIfRefused(applied);
                    sweepServers();
                }
            });
        }
    }

    /** Writes the failover queue (on the leader), off the event thread. */
    void flushFailovers() {
        coordination.execute(() -> {
            if (running.getAsBoolean() && connected.getAsBoolean()) {
                retryIfRefused(failoverQueue.flush());
            }
        });
    }

    /** Removes servers without instances after the grace period; a timer runs only while one waits. */
    private void sweepServers() {
        boolean waiting = election.isLeader() && staleServers.sweep();
        if (waiting && !sweepScheduled) {
            timers.scheduleInterval(sweepKey, Math.max(1_000L, staleServers.graceMillis() / 2), this::requestRebalance);
        } else if (!waiting && sweepScheduled) {
            timers.unschedule(sweepKey);
        }
        sweepScheduled = waiting;
    }

    /** A refused leader write means the cache was behind: try again once it caught up, a few times. */
    private void retryIfRefused(boolean applied) {
        if (applied) {
            writeRetries = 0;
        } else if (++writeRetries <= MAX_WRITE_RETRIES) {
            scope.cache().afterCatchUp(this::requestRebalance);
        } else {
            LOG.warn("Job '{}': the leader's writes keep being refused; waiting for the next change", scope.jobName());
            writeRetries = 0;
        }
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (relative.startsWith(JobNodePaths.INSTANCES + "/")) {
            if (type != ChangeType.UPDATED) {
                requestRebalance();
            }
        } else if (relative.startsWith(JobNodePaths.SERVERS + "/")) {
            requestRebalance();
        } else if (relative.equals(JobNodePaths.SHARDING_NECESSARY)) {
            if (type != ChangeType.DELETED) {
                requestRebalance();
            }
        } else if (relative.endsWith("/instance")) {
            if (type != ChangeType.CREATED) {
                requestRebalance();
            }
        } else if (type == ChangeType.DELETED && JobNodePaths.itemOf(relative) >= config.get().getShardingTotalCount()) {
            // an item beyond the count ended: its nodes can go now
            requestRebalance();
        }
    }

    @Override
    public void reloaded() {
        requestRebalance();
    }

    void close() {
        timers.unschedule(sweepKey);
    }
}
