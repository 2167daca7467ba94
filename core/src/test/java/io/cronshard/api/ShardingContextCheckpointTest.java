package io.cronshard.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A context's checkpoint, checked before it reaches where it is kept. */
class ShardingContextCheckpointTest {

    private static ShardingContext context(ItemCheckpoint checkpoint) {
        return new ShardingContext("job", "task", 2, "", 1, "", 7L, () -> true, checkpoint);
    }

    @Test
    void aSavedCheckpointIsWhatTheRunSeesNext() {
        ShardingContext context = context(ItemCheckpoint.inMemory("left by the last run"));
        assertThat(context.getCheckpoint()).isEqualTo("left by the last run");

        context.saveCheckpoint("mine");

        assertThat(context.getCheckpoint()).isEqualTo("mine");
    }

    @Test
    void exactly64KibOfUtf8IsAcceptedOneByteMoreIsRefusedNamingTheLimit() {
        ShardingContext context = context(ItemCheckpoint.inMemory(null));
        context.saveCheckpoint("a".repeat(65_536));

        assertThatThrownBy(() -> context.saveCheckpoint("a".repeat(65_535) + "é"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Job 'job' item 1").hasMessageContaining("65537 bytes").hasMessageContaining("at most 65536 bytes");
        assertThat(context.getCheckpoint()).hasSize(65_536);
    }

    @Test
    void aNullCheckpointIsRefused() {
        assertThatThrownBy(() -> context(ItemCheckpoint.inMemory(null)).saveCheckpoint(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
    }

    @Test
    void theShortConstructorsKeepTheCheckpointInMemory() {
        ShardingContext context = new ShardingContext("job", "task", 1, "", 0, "", 0L);
        assertThat(context.getCheckpoint()).isNull();

        context.saveCheckpoint("kept");

        assertThat(context.getCheckpoint()).isEqualTo("kept");
    }
}
