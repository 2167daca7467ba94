package io.cronshard.api;

import java.time.Instant;
import java.util.List;

/**
 * What one instance of a job is doing, as that instance sees it now: an immutable snapshot taken by
 * {@code ScheduleJobBootstrap.getStatus()} or {@code OneOffJobBootstrap.getStatus()} from local
 * state only (no ZooKeeper request), cheap enough for a health check or a metrics gauge.
 *
 * @param jobName the job
 * @param instanceId this instance's id, null before it is registered
 * @param registered whether the instance is registered in ZooKeeper (from the end of its start until shutdown,
 *                   and again after a lost session is re-established)
 * @param connected whether the instance is in contact with ZooKeeper: false while the connection is suspended or
 *                  the session lost; no item starts then
 * @param leader whether this instance is the job's leader
 * @param ownedItems the items this instance owns in the current split, ascending
 * @param runningItems the items running on this instance now, ascending
 * @param nextFireTime when the cron fires next on this instance, null for a one-off job or when not scheduled
 * @param lastFire the last fire that ran items on this instance, null before the first
 */
public record JobInstanceStatus(String jobName, String instanceId, boolean registered, boolean connected, boolean leader,
                                List<Integer> ownedItems, List<Integer> runningItems, Instant nextFireTime, LastFire lastFire) {

    /**
     * Copies the lists, so that a snapshot never changes.
     */
    public JobInstanceStatus {
        ownedItems = List.copyOf(ownedItems);
        runningItems = List.copyOf(runningItems);
    }

    /**
     * The last fire that ran items on this instance.
     *
     * @param startTime when its first item started
     * @param endTime when its last item ended, null while it runs
     * @param executionSource why it ran: NORMAL, MISFIRE, FAILOVER or MANUAL
     * @param items the items it ran here, ascending
     * @param failedItems the items whose body threw, ascending; empty when all succeeded (or while it runs)
     */
    public record LastFire(Instant startTime, Instant endTime, String executionSource, List<Integer> items, List<Integer> failedItems) {

        /**
         * Copies the lists, so that a snapshot never changes.
         */
        public LastFire {
            items = List.copyOf(items);
            failedItems = List.copyOf(failedItems);
        }

        /** @return whether it ended and every item returned normally */
        public boolean succeeded() {
            return endTime != null && failedItems.isEmpty();
        }
    }
}
