package io.cronshard.console.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cronshard.lifecycle.ShardingInfo;
import io.cronshard.reg.CoordinatorRegistryCenter;

/**
 * An item's conditions as its nodes in ZooKeeper tell them now ({@link Activity.Conditions}), and the signals among
 * them an operator should look at: an overdue body, no live owner. The operations API says whether an item is
 * overdue; why and since when are read here from its overdue mark, {@code sharding/{item}/overdue}.
 */
final class ItemConditions {

    private ItemConditions() {
    }

    /**
     * @param regCenter the job's registry center
     * @param job the job
     * @param shard the item as the operations API reads it
     * @param liveInstances the job's live instances
     * @return the item's conditions
     */
    static Activity.Conditions read(CoordinatorRegistryCenter regCenter, String job, ShardingInfo shard, Set<String> liveInstances) {
        boolean owned = shard.instanceId() != null && !shard.instanceId().isEmpty();
        boolean noLiveOwner = shard.status() != ShardingInfo.ShardingStatus.DISABLED && (!owned || !liveInstances.contains(shard.instanceId()));
        Activity.Overdue overdue = null;
        if (shard.overdue()) {
            String mark = regCenter.get("/" + job + "/sharding/" + shard.item() + "/overdue");
            overdue = mark == null ? null : overdue(mark);
        }
        return new Activity.Conditions(shard.status() == ShardingInfo.ShardingStatus.RUNNING, overdue, noLiveOwner, shard.misfire(),
                shard.failover(), shard.checkpoint());
    }

    /**
     * Reads an overdue mark, {@code {"instanceId":…,"reason":"TIMEOUT"|"USUAL_DURATION","since":epochMillis}}. Leniently:
     * a mark written by hand still means the item is overdue, with what it says.
     *
     * @param json the mark's data
     * @return what it says; {@code UNKNOWN} reason, empty instance and null time for what it does not
     */
    static Activity.Overdue overdue(String json) {
        JsonObject mark = null;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            mark = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException ex) {
            // not ours: nothing but the fact
        }
        if (mark == null) {
            return new Activity.Overdue("", "UNKNOWN", null);
        }
        String since = null;
        JsonElement millis = mark.get("since");
        if (millis != null && millis.isJsonPrimitive() && millis.getAsJsonPrimitive().isNumber()) {
            since = Instant.ofEpochMilli(millis.getAsLong()).toString();
        }
        return new Activity.Overdue(text(mark, "instanceId", ""), text(mark, "reason", "UNKNOWN"), since);
    }

    /**
     * @param shard the item
     * @param conditions its conditions
     * @return its {@code OVERDUE} and {@code NO_LIVE_OWNER} signals
     */
    static List<Activity.Signal> signals(ShardingInfo shard, Activity.Conditions conditions) {
        List<Activity.Signal> result = new ArrayList<>();
        Activity.Overdue overdue = conditions.overdue();
        if (overdue != null) {
            String why = switch (overdue.reason()) {
                case "TIMEOUT" -> "it runs past its timeout (itemTimeoutMillis) and ignores the interrupt";
                case "USUAL_DURATION" -> "it runs far past its usual duration";
                default -> "its overdue mark says " + overdue.reason();
            };
            result.add(new Activity.Signal("OVERDUE", shard.item(), "Overdue" + (overdue.since() == null ? "" : " (started " + overdue.since() + ")")
                    + ": " + why + (overdue.instanceId().isEmpty() ? "" : ", on " + overdue.instanceId())));
        }
        if (conditions.noLiveOwner()) {
            boolean owned = shard.instanceId() != null && !shard.instanceId().isEmpty();
            result.add(new Activity.Signal("NO_LIVE_OWNER", shard.item(), owned ? "Its owner " + shard.instanceId() + " is not a live instance"
                    : "It has no owner: resharding is due"));
        }
        return result;
    }

    private static String text(JsonObject object, String field, String fallback) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : fallback;
    }
}
