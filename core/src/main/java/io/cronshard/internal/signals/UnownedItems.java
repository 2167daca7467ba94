package io.cronshard.internal.signals;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.storage.JobNodePaths;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The leader's watch over items that no live instance runs: an item whose {@code instance} names no
 * live instance (and that no live survivor runs by failover). At each cron fire the leader reports
 * such items as a missed fire ({@code NO_OWNER}); an item that stays so for longer than the session
 * timeout is reported once as unowned, until it has an owner again. Only the leader looks, so each
 * condition is reported once per job, not once per instance; with no live instance at all, nobody
 * reports. Follows the cache; works on the job's coordination executor.
 */
public final class UnownedItems implements CacheListener {

    private final CacheView cache;
    private final Supplier<JobConfiguration> config;
    private final BooleanSupplier isLeader;
    private final JobSignals signals;
    private final ScheduledExecutorService timers;
    private final LongSupplier sessionTimeoutMillis;
    private final Executor coordination;
    private final Map<Integer, Long> unownedSince = new HashMap<>();
    private final Set<Integer> reported = new HashSet<>();
    private ScheduledFuture<?> timer;
    private boolean checkQueued;
    /**
     * Whether the last check ran as the watching leader and found every item owned: nothing has
     * changed since (any change queues a check), so a fire has nothing to report or look at.
     */
    private boolean allOwnedAtLastCheck;

    /**
     * @param cache the job's subtree
     * @param config the current configuration
     * @param isLeader whether this instance leads the job now
     * @param signals where conditions are reported
     * @param timers the runtime's item timer
     * @param sessionTimeoutMillis the session timeout now
     * @param coordination the job's serial coordination executor
     */
    public UnownedItems(CacheView cache, Supplier<JobConfiguration> config, BooleanSupplier isLeader, JobSignals signals,
                        ScheduledExecutorService timers, LongSupplier sessionTimeoutMillis, Executor coordination) {
        this.cache = cache;
        this.config = config;
        this.isLeader = isLeader;
        this.signals = signals;
        this.timers = timers;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.coordination = coordination;
    }

    /** @return which cache paths this part follows */
    public static boolean follows(String relative) {
        if (relative.startsWith(JobNodePaths.INSTANCES + "/")) {
            return true;
        }
        if (JobNodePaths.itemOf(relative) < 0) {
            return false;
        }
        String leaf = JobNodePaths.leafOf(relative);
        return "instance".equals(leaf) || "failover".equals(leaf);
    }

    /**
     * @param cache the job's subtree
     * @param total how many items the job has
     * @return the items no live instance runs or owns
     */
    static List<Integer> unowned(CacheView cache, int total) {
        Set<String> live = new HashSet<>(cache.getChildren(JobNodePaths.INSTANCES));
        List<Integer> result = new ArrayList<>();
        for (int item = 0; item < total; item++) {
            String owner = cache.getData(JobNodePaths.itemInstance(item));
            if (owner != null && live.contains(owner)) {
                continue;
            }
            String survivor = cache.getData(JobNodePaths.itemFailover(item));
            if (survivor == null || !live.contains(survivor)) {
                result.add(item);
            }
        }
        return result;
    }

    /**
     * The cron fired here: the leader reports the items no live instance runs as a missed fire.
     * While every item was owned at the last check and nothing changed since, a fire costs nothing
     * here (no hand-over to the coordination executor, no pass over the items).
     */
    public void fired() {
        if (!isLeader.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            if (allOwnedAtLastCheck && !checkQueued) {
                return;
            }
        }
        coordination.execute(() -> {
            if (watching()) {
                signals.fireMissed(MissedReason.NO_OWNER, unowned(cache, config.get().getShardingTotalCount()));
            }
            check();
        });
    }

    @Override
    public void nodeChanged(ChangeType type, String relativePath, CachedNode node, long zxid) {
        queueCheck();
    }

    @Override
    public void reloaded() {
        queueCheck();
    }

    /** Stops the timer. */
    public void close() {
        synchronized (this) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private void queueCheck() {
        synchronized (this) {
            if (checkQueued) {
                return;
            }
            checkQueued = true;
        }
        coordination.execute(this::check);
    }

    private boolean watching() {
        return isLeader.getAsBoolean() && cache.isLoaded() && !cache.exists(JobNodePaths.SHARDING_NECESSARY) && !config.get().isDisabled();
    }

    /** On the coordination executor: brings the record up to date and reports what has lasted too long. */
    private void check() {
        synchronized (this) {
            checkQueued = false;
            allOwnedAtLastCheck = false;
        }
        if (!watching()) {
            unownedSince.clear();
            reported.clear();
            close();
            return;
        }
        long now = System.currentTimeMillis();
        Set<Integer> current = new HashSet<>(unowned(cache, config.get().getShardingTotalCount()));
        synchronized (this) {
            // a change after this pass has queued another check, which clears it again
            allOwnedAtLastCheck = current.isEmpty();
        }
        unownedSince.keySet().retainAll(current);
        reported.retainAll(current);
        current.forEach(item -> unownedSince.putIfAbsent(item, now));
        long limit = sessionTimeoutMillis.getAsLong();
        long next = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> each : unownedSince.entrySet()) {
            long unownedFor = now - each.getValue();
            if (unownedFor > limit) {
                if (reported.add(each.getKey())) {
                    signals.itemUnowned(each.getKey(), Duration.ofMillis(unownedFor));
                }
            } else {
                next = Math.min(next, limit - unownedFor + 1);
            }
        }
        close();
        if (next != Long.MAX_VALUE) {
            synchronized (this) {
                try {
                    timer = timers.schedule(() -> coordination.execute(this::check), next, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shutDown) {
                    timer = null;
                }
            }
        }
    }
}
