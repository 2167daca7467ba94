package io.cronshard.internal.config;

import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict reading of the stored configuration's JSON: a value of the wrong JSON type is refused
 * ({@code "yes"} is not a boolean, {@code 2.5} is not an item count) instead of coerced, as Gson's
 * own adapters would.
 */
final class StrictJsonTypes {

    private StrictJsonTypes() {
    }

    /** A stored value of the wrong JSON type; Gson lets it through unwrapped. */
    static final class WrongTypeException extends JsonParseException {

        private static final long serialVersionUID = 1L;

        final String field;
        final String expected;
        final String actual;

        WrongTypeException(String path, String expected, String actual) {
            super("'" + field(path) + "' must be " + expected + ", got " + actual);
            this.field = field(path);
            this.expected = expected;
            this.actual = actual;
        }

        private static String field(String path) {
            return path.startsWith("$.") ? path.substring(2) : path;
        }

        /** Fails on the value at the reader's position, describing it without needing to consume it. */
        static WrongTypeException at(JsonReader in, String expected) throws IOException {
            String path = in.getPath();
            JsonToken token = in.peek();
            String actual;
            switch (token) {
                case STRING:
                    actual = "the string \"" + in.nextString() + "\"";
                    break;
                case NUMBER:
                    actual = "the number " + in.nextString();
                    break;
                case BOOLEAN:
                    actual = String.valueOf(in.nextBoolean());
                    break;
                case NULL:
                    actual = "null";
                    break;
                case BEGIN_ARRAY:
                    actual = "an array";
                    break;
                case BEGIN_OBJECT:
                    actual = "an object";
                    break;
                default:
                    actual = token.toString();
                    break;
            }
            return new WrongTypeException(path, expected, actual);
        }
    }

    /** Only JSON strings: Gson's own adapter would turn numbers and booleans into strings. */
    static final class StrictStringAdapter extends TypeAdapter<String> {

        @Override
        public void write(JsonWriter out, String value) throws IOException {
            out.value(value);
        }

        @Override
        public String read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw WrongTypeException.at(in, "a string");
            }
            return in.nextString();
        }
    }

    /** Only JSON integers in int range: Gson's own adapter accepts "3" and truncates 2.5 read from a tree. */
    static final class StrictIntegerAdapter extends TypeAdapter<Integer> {

        @Override
        public void write(JsonWriter out, Integer value) throws IOException {
            out.value(value.longValue());
        }

        @Override
        public Integer read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.NUMBER) {
                throw WrongTypeException.at(in, "an integer");
            }
            String path = in.getPath();
            String text = in.nextString();
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException ex) {
                throw new WrongTypeException(path, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE,
                        "the number " + text);
            }
        }
    }

    /** Only JSON integers in long range, for durations in milliseconds. */
    static final class StrictLongAdapter extends TypeAdapter<Long> {

        @Override
        public void write(JsonWriter out, Long value) throws IOException {
            out.value(value.longValue());
        }

        @Override
        public Long read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.NUMBER) {
                throw WrongTypeException.at(in, "an integer");
            }
            String path = in.getPath();
            String text = in.nextString();
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException ex) {
                throw new WrongTypeException(path, "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE,
                        "the number " + text);
            }
        }
    }

    /** Only JSON booleans: Gson's own adapter reads the string "yes" as false. */
    static final class StrictBooleanAdapter extends TypeAdapter<Boolean> {

        @Override
        public void write(JsonWriter out, Boolean value) throws IOException {
            out.value(value.booleanValue());
        }

        @Override
        public Boolean read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.BOOLEAN) {
                throw WrongTypeException.at(in, "true or false");
            }
            return in.nextBoolean();
        }
    }

    /** {@code jobListenerTypes}: an array of strings. */
    static final class StringListAdapter extends TypeAdapter<List<String>> {

        @Override
        public void write(JsonWriter out, List<String> value) throws IOException {
            out.beginArray();
            for (String each : value) {
                out.value(each);
            }
            out.endArray();
        }

        @Override
        public List<String> read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.BEGIN_ARRAY) {
                throw WrongTypeException.at(in, "an array of strings");
            }
            List<String> result = new ArrayList<>();
            in.beginArray();
            while (in.hasNext()) {
                if (in.peek() != JsonToken.STRING) {
                    throw WrongTypeException.at(in, "a string");
                }
                result.add(in.nextString());
            }
            in.endArray();
            return result;
        }
    }

    /** {@code props}: an object of string values; a null value is the same as a missing key. */
    static final class StringMapAdapter extends TypeAdapter<Map<String, String>> {

        @Override
        public void write(JsonWriter out, Map<String, String> value) throws IOException {
            out.beginObject();
            for (Map.Entry<String, String> each : value.entrySet()) {
                out.name(each.getKey()).value(each.getValue());
            }
            out.endObject();
        }

        @Override
        public Map<String, String> read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                throw WrongTypeException.at(in, "an object of string values");
            }
            Map<String, String> result = new LinkedHashMap<>();
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                JsonToken token = in.peek();
                if (token == JsonToken.NULL) {
                    in.nextNull();
                } else if (token == JsonToken.STRING) {
                    result.put(key, in.nextString());
                } else {
                    throw WrongTypeException.at(in, "a string");
                }
            }
            in.endObject();
            return result;
        }
    }
}
