package io.cronshard.api;

import java.util.Objects;

/**
 * Where a {@link ShardingContext} keeps its item's checkpoint. The runtime passes one backed by
 * ZooKeeper (node {@code sharding/{item}/checkpoint}), fenced so that an instance that no longer
 * owns the item cannot overwrite it; {@link #inMemory(String)} serves unit tests of job bodies.
 * User code calls {@link ShardingContext#getCheckpoint()} and {@link ShardingContext#saveCheckpoint(String)},
 * which check the size before this is reached.
 */
public interface ItemCheckpoint {

    /**
     * @return the last checkpoint saved for the item: by this run when it saved one, otherwise the one
     *         the previous run left; null when there is none
     * @throws IllegalStateException when it cannot be read
     */
    String load();

    /**
     * @param checkpoint the checkpoint to keep, at most {@link ShardingContext#MAX_CHECKPOINT_BYTES} bytes of UTF-8
     * @throws IllegalStateException when it is refused (this instance no longer owns the item) or cannot be stored
     */
    void save(String checkpoint);

    /**
     * @param initial the checkpoint a previous run left, null for none
     * @return a checkpoint kept in memory, for tests of job bodies
     */
    static ItemCheckpoint inMemory(String initial) {
        return new ItemCheckpoint() {
            private volatile String value = initial;

            @Override
            public String load() {
                return value;
            }

            @Override
            public void save(String checkpoint) {
                value = Objects.requireNonNull(checkpoint, "checkpoint");
            }
        };
    }
}
