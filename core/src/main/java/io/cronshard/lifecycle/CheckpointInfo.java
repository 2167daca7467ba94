package io.cronshard.lifecycle;

import java.time.Instant;

/**
 * The checkpoint an item's last run left ({@code sharding/{item}/checkpoint}).
 *
 * @param item the item
 * @param checkpoint what the run saved to resume from
 * @param instanceId the instance that saved it, empty when unknown (written by hand)
 * @param fencingToken the fencing token of the execution that saved it, 0 when unknown
 * @param savedAt when it was saved, null when unknown
 */
public record CheckpointInfo(int item, String checkpoint, String instanceId, long fencingToken, Instant savedAt) {
}
