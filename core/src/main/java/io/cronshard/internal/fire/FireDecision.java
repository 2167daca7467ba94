package io.cronshard.internal.fire;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.storage.JobNodePaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one fire does on this instance, decided from the cache and local state only — a pure
 * function, so that every rule can be tested without ZooKeeper:
 * <ol>
 *   <li>the job or this server disabled: the fire is skipped;</li>
 *   <li>the cache not loaded yet, or a re-split due ({@code leader/sharding/necessary}): the fire
 *       waits until the leader has written the split;</li>
 *   <li>otherwise the items this instance owns, minus disabled ones: each starts, unless it still
 *       runs (here, or with {@code monitorExecution} anywhere). A running item missed this fire:
 *       with {@code misfire} on (or for a manual trigger, whatever {@code misfire} says) it is
 *       remembered to run once more right after; a {@code misfire} mark is written for a cron fire
 *       the first time it is remembered, unless one is there.</li>
 * </ol>
 *
 * @param verdict what happens to the fire
 * @param start the items to start
 * @param missed the items that missed the fire because they still run
 * @param remember the missed items to run once more after they end
 * @param markMisfire the remembered items whose {@code misfire} mark is to be written
 * @param disabled the items of this instance the fire skips because they, the job or this server are disabled
 */
record FireDecision(Verdict verdict, List<Integer> start, List<Integer> missed, List<Integer> remember, List<Integer> markMisfire,
                    List<Integer> disabled) {

    /** What happens to a fire. */
    public enum Verdict {
        /** The items in {@link #start()} start now (possibly none). */
        DISPATCH,
        /** The fire waits until the split is settled. */
        PENDING,
        /** The job or this server is disabled. */
        DISABLED
    }

    /**
     * @param cache the job's subtree
     * @param config the configuration the job runs with
     * @param instanceId this instance
     * @param serverIp this instance's server
     * @param source why the job fires
     * @param runningHere the items running on this instance
     * @param remembered the items already remembered as missed
     * @return the decision
     */
    public static FireDecision decide(CacheView cache, JobConfiguration config, String instanceId, String serverIp, ExecutionSource source,
                                      Set<Integer> runningHere, Set<Integer> remembered) {
        if (config.isDisabled() || JobNodePaths.DISABLED.equals(cache.getData(JobNodePaths.server(serverIp)))) {
            List<Integer> owned = new ArrayList<>();
            for (int item = 0; item < config.getShardingTotalCount(); item++) {
                if (instanceId.equals(cache.getData(JobNodePaths.itemInstance(item)))) {
                    owned.add(item);
                }
            }
            return new FireDecision(Verdict.DISABLED, List.of(), List.of(), List.of(), List.of(), owned);
        }
        if (!cache.isLoaded() || cache.exists(JobNodePaths.SHARDING_NECESSARY)) {
            return new FireDecision(Verdict.PENDING, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Integer> owned = new ArrayList<>();
        List<Integer> disabled = new ArrayList<>();
        for (int item = 0; item < config.getShardingTotalCount(); item++) {
            if (instanceId.equals(cache.getData(JobNodePaths.itemInstance(item)))) {
                (cache.exists(JobNodePaths.itemDisabled(item)) ? disabled : owned).add(item);
            }
        }
        FireDecision result = forItems(cache, config, owned, source, runningHere, remembered);
        return new FireDecision(result.verdict(), result.start(), result.missed(), result.remember(), result.markMisfire(), disabled);
    }

    /**
     * The per-item part of a decision, for items already known to be this instance's (a whole
     * fire's owned items, or the remembered items of a make-up run).
     *
     * @param cache the job's subtree
     * @param config the configuration the job runs with
     * @param items the candidates
     * @param source why they fire
     * @param runningHere the items running on this instance
     * @param remembered the items already remembered as missed
     * @return the decision, always {@link Verdict#DISPATCH}
     */
    public static FireDecision forItems(CacheView cache, JobConfiguration config, List<Integer> items, ExecutionSource source,
                                        Set<Integer> runningHere, Set<Integer> remembered) {
        boolean manual = source == ExecutionSource.MANUAL;
        List<Integer> start = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        List<Integer> remember = new ArrayList<>();
        List<Integer> markMisfire = new ArrayList<>();
        for (Integer item : items) {
            boolean running = runningHere.contains(item) || config.isMonitorExecution() && cache.exists(JobNodePaths.itemRunning(item));
            if (!running) {
                start.add(item);
                continue;
            }
            missed.add(item);
            if (manual || config.isMisfire()) {
                remember.add(item);
                if (!manual && !remembered.contains(item) && !cache.exists(JobNodePaths.itemMisfire(item))) {
                    markMisfire.add(item);
                }
            }
        }
        return new FireDecision(Verdict.DISPATCH, start, missed, remember, markMisfire, List.of());
    }
}
