package io.cronshard.internal.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.nio.charset.StandardCharsets;

/**
 * The data of an item's checkpoint node, {@code sharding/{item}/checkpoint}: one JSON object with
 * the checkpoint the owner saved, which instance saved it, the fencing token of that execution and
 * when (epoch milliseconds), e.g.
 * {@code {"checkpoint":"4711","instanceId":"10.0.0.1@-@12345","token":8589934601,"savedAt":1765130400000}}.
 * Data that is not such an object (written by hand) reads as a checkpoint of that text.
 *
 * @param checkpoint what the owner saved
 * @param instanceId the instance that saved it
 * @param token the fencing token of the execution that saved it
 * @param savedAt when, in epoch milliseconds
 */
public record CheckpointNode(String checkpoint, String instanceId, long token, long savedAt) {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** @return the node's data */
    public byte[] toBytes() {
        return GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param data a checkpoint node's data
     * @return what it holds, null for no data
     */
    public static CheckpointNode fromBytes(byte[] data) {
        if (data == null) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            CheckpointNode result = GSON.fromJson(text, CheckpointNode.class);
            if (result != null && result.checkpoint() != null) {
                return result;
            }
        } catch (JsonParseException | IllegalStateException ex) {
            // not ours: the text itself
        }
        return new CheckpointNode(text, "", 0L, 0L);
    }
}
