package io.cronshard.console.checkpoint;

import io.cronshard.lifecycle.CheckpointInfo;

/**
 * An item's checkpoint as the API answers it ({@code sharding/{item}/checkpoint}, read with
 * {@code JobOperateAPI#getCheckpoint}).
 *
 * @param item the item
 * @param checkpoint what its run saved to resume from
 * @param instanceId the instance that saved it, empty when unknown (a checkpoint written by hand)
 * @param fencingToken the fencing token of the execution that saved it, 0 when unknown
 * @param savedAt when it was saved (ISO-8601 UTC), null when unknown
 */
public record CheckpointView(int item, String checkpoint, String instanceId, long fencingToken, String savedAt) {

    /**
     * @param info what the operations API read
     * @return its view
     */
    static CheckpointView of(CheckpointInfo info) {
        return new CheckpointView(info.item(), info.checkpoint(), info.instanceId() == null ? "" : info.instanceId(), info.fencingToken(),
                info.savedAt() == null ? null : info.savedAt().toString());
    }
}
