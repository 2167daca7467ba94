package io.cronshard.api;

import io.cronshard.api.JobConfigurationException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code shardingItemParameters} ("0=Beijing,1=Shanghai") into item → parameter.
 */
final class ShardingItemParameters {

    private static final String FIELD = "shardingItemParameters";

    private ShardingItemParameters() {
    }

    /**
     * @param value the configured value, may be null or blank
     * @param shardingTotalCount the job's item count; every item must be below it
     * @return item → parameter, in item order
     * @throws JobConfigurationException on a malformed pair, an item outside 0..total-1 or a duplicate item
     */
    public static Map<Integer, String> parse(String value, int shardingTotalCount) {
        if (value == null || value.isBlank()) {
            return Collections.emptyMap();
        }
        Map<Integer, String> result = new java.util.TreeMap<>();
        for (String pair : value.split(",", -1)) {
            String trimmed = pair.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw JobConfigurationException.invalid(FIELD, value,
                        "expected comma-separated item=parameter pairs such as '0=a,1=b', got '" + trimmed + "'");
            }
            int item;
            try {
                item = Integer.parseInt(trimmed.substring(0, eq).trim());
            } catch (NumberFormatException ex) {
                throw JobConfigurationException.invalid(FIELD, value,
                        "the item before '=' must be a number, got '" + trimmed.substring(0, eq).trim() + "'");
            }
            if (item < 0 || item >= shardingTotalCount) {
                throw JobConfigurationException.invalid(FIELD, value,
                        "item " + item + " is outside 0.." + (shardingTotalCount - 1) + " (shardingTotalCount is " + shardingTotalCount + ")");
            }
            if (result.put(item, trimmed.substring(eq + 1).trim()) != null) {
                throw JobConfigurationException.invalid(FIELD, value, "item " + item + " is given more than once");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }
}
