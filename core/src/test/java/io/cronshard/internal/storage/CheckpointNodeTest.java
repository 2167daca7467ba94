package io.cronshard.internal.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The data of a checkpoint node. */
class CheckpointNodeTest {

    @Test
    void survivesTheRoundTripWithAnyText() {
        CheckpointNode node = new CheckpointNode("{\"offset\": 42, \"note\": \"<é>\\n\"}", "10.0.0.1@-@7", 8_589_934_601L, 1_765_130_400_000L);

        assertThat(CheckpointNode.fromBytes(node.toBytes())).isEqualTo(node);
        assertThat(new String(node.toBytes(), StandardCharsets.UTF_8)).startsWith("{\"checkpoint\":");
    }

    @Test
    void dataWrittenByHandReadsAsTheCheckpointItself() {
        assertThat(CheckpointNode.fromBytes("4711".getBytes(StandardCharsets.UTF_8)).checkpoint()).isEqualTo("4711");
        assertThat(CheckpointNode.fromBytes("{\"other\":1}".getBytes(StandardCharsets.UTF_8)).checkpoint()).isEqualTo("{\"other\":1}");
        assertThat(CheckpointNode.fromBytes(null)).isNull();
    }
}
