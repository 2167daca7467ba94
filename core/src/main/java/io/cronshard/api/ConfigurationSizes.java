package io.cronshard.api;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The size checks of {@link JobConfiguration.Builder#build()}: every string's length or UTF-8 size
 * against its limit, and the size of the whole stored form (the {@code config} JSON) from above,
 * before anything else looks at a value (a million-character cron is refused, not parsed). Messages
 * name the field, the value's size and the limit, and show at most the start of the value.
 */
final class ConfigurationSizes {

    /** Bytes a value is shown with in a message. */
    private static final int SHOWN = 40;
    /** Per field in the stored JSON: its quoted name, the colon, the comma and the value's quotes. */
    private static final int FIELD_OVERHEAD = 40;

    private ConfigurationSizes() {
    }

    static void requireLength(String field, String value, int maxCharacters) {
        if (value != null && value.length() > maxCharacters) {
            throw new JobConfigurationException("Invalid '" + field + "': " + shown(value) + " has " + grouped(value.length())
                    + " characters; at most " + grouped(maxCharacters) + " are allowed");
        }
    }

    static void requireBytes(String field, String value, int maxBytes) {
        if (value == null) {
            return;
        }
        // at most 3 bytes per char, so short values need no encoding
        if (value.length() * 3L > maxBytes) {
            int bytes = utf8(value);
            if (bytes > maxBytes) {
                throw new JobConfigurationException("Invalid '" + field + "': " + shown(value) + " takes " + grouped(bytes)
                        + " bytes of UTF-8; at most " + grouped(maxBytes) + " bytes are allowed");
            }
        }
    }

    static void requireCount(String field, int count, int max, String what) {
        if (count > max) {
            throw new JobConfigurationException("Invalid '" + field + "': " + grouped(count) + " " + what + "; at most "
                    + grouped(max) + " are allowed");
        }
    }

    /**
     * @return an upper bound of the size in bytes of the stored JSON of a configuration with these
     *         strings: each string's UTF-8 size, plus what escaping can add (a quote or backslash takes
     *         2 bytes, a control character or U+2028/U+2029 at most 6), plus a fixed overhead per field
     */
    static long storedSizeBound(Collection<String> strings, Map<String, String> props) {
        long result = 512;
        for (String each : strings) {
            result += FIELD_OVERHEAD + jsonBytes(each);
        }
        for (Map.Entry<String, String> each : props.entrySet()) {
            result += FIELD_OVERHEAD + jsonBytes(each.getKey()) + jsonBytes(each.getValue());
        }
        return result;
    }

    private static long jsonBytes(String value) {
        if (value == null) {
            return 4;
        }
        long result = utf8(value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                result += 5;
            } else if (c == '"' || c == '\\') {
                result += 1;
            }
        }
        return result;
    }

    static int utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the start of a value, quoted, for a message about its size */
    static String shown(String value) {
        if (value.length() <= SHOWN) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, SHOWN) + "…'";
    }

    static String grouped(long number) {
        return String.format(java.util.Locale.ROOT, "%,d", number);
    }
}
