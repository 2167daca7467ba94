package io.cronshard.internal.jobtype;

import io.cronshard.api.ShardingContext;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of a {@link ShardingContext} handed to SCRIPT and HTTP jobs: one object with
 * {@code jobName}, {@code taskId}, {@code shardingTotalCount}, {@code jobParameter},
 * {@code shardingItem}, {@code shardingParameter} and {@code fencingToken}, in that order, on one
 * line. HTML characters ({@code = < > & '}) are written as themselves, not as {@code \u003d}
 * escapes, so that scripts that grep the JSON find what they expect.
 */
final class ShardingContextJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private ShardingContextJson() {
    }

    /**
     * @param context an item's context
     * @return its JSON, on one line
     */
    static String toJson(ShardingContext context) {
        JsonObject result = new JsonObject();
        result.addProperty("jobName", context.getJobName());
        result.addProperty("taskId", context.getTaskId());
        result.addProperty("shardingTotalCount", context.getShardingTotalCount());
        result.addProperty("jobParameter", context.getJobParameter());
        result.addProperty("shardingItem", context.getShardingItem());
        result.addProperty("shardingParameter", context.getShardingParameter());
        result.addProperty("fencingToken", context.getFencingToken());
        return GSON.toJson(result);
    }

    /**
     * The JSON percent-encoded as UTF-8 (RFC 3986: a space is {@code %20}, never {@code +}), so
     * that it is valid header content whatever the parameters contain (non-ASCII text, line
     * breaks). {@code decodeURIComponent} (JavaScript), {@code urllib.parse.unquote} (Python),
     * {@code url.PathUnescape} (Go) and {@code URLDecoder.decode(value, UTF_8)} (Java) all give
     * the JSON back.
     *
     * @param context an item's context
     * @return the header value
     */
    static String toHeaderValue(ShardingContext context) {
        // URLEncoder writes a space as '+' and a literal '+' as %2B, so this replacement is exact
        return URLEncoder.encode(toJson(context), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
