package io.cronshard.internal.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.nio.charset.StandardCharsets;

/**
 * The data of an item's overdue mark, {@code sharding/{item}/overdue}: which instance runs the
 * item, why it is overdue ({@code TIMEOUT} or {@code USUAL_DURATION}) and since when its try has
 * run (epoch milliseconds), e.g. {@code {"instanceId":"10.0.0.1@-@7","reason":"TIMEOUT","since":1765130400000}}.
 *
 * @param instanceId the instance running the item
 * @param reason {@code TIMEOUT} or {@code USUAL_DURATION}
 * @param since when the try started
 */
public record OverdueNode(String instanceId, String reason, long since) {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** @return the node's data */
    public byte[] toBytes() {
        return GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
    }
}
