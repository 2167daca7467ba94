package io.cronshard.benchmarks.zookeeper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the operations of a ZooKeeper multi request (jute's {@code MultiOperationRecord}: for each
 * operation a header of type, done flag and error, then its request record, ending with a header
 * of type -1) and describes it as {@code op path, op path, ...} with the digits of paths replaced
 * by {@code #}, so that the transactions of many fires or starts fall into a few shapes.
 * Operations of the same kind on paths of the same shape are listed once with a count.
 */
final class MultiShape {

    private static final int CREATE = 1;
    private static final int DELETE = 2;
    private static final int SET_DATA = 5;
    private static final int CHECK = 13;
    private static final int CREATE2 = 15;
    private static final int CREATE_CONTAINER = 19;
    private static final int CREATE_TTL = 21;
    private static final int GET_CHILDREN = 8;
    private static final int GET_DATA = 4;

    private MultiShape() {
    }

    /**
     * @param frame a whole request frame, length prefix included
     * @param offset where the multi record starts (after length, xid and operation code)
     * @return its shape, or {@code ?} when it cannot be read
     */
    static String of(byte[] frame, int offset) {
        try {
            ByteBuffer in = ByteBuffer.wrap(frame, offset, frame.length - offset);
            Map<String, Integer> ops = new LinkedHashMap<>();
            while (true) {
                int type = in.getInt();
                boolean done = in.get() != 0;
                in.getInt();
                if (done || type == -1) {
                    break;
                }
                String path = string(in);
                switch (type) {
                    case CREATE, CREATE2, CREATE_CONTAINER, CREATE_TTL -> {
                        skipBuffer(in);
                        int acls = in.getInt();
                        for (int i = 0; i < acls; i++) {
                            in.getInt();
                            string(in);
                            string(in);
                        }
                        in.getInt();
                        if (type == CREATE_TTL) {
                            in.getLong();
                        }
                    }
                    case DELETE, CHECK -> in.getInt();
                    case SET_DATA -> {
                        skipBuffer(in);
                        in.getInt();
                    }
                    case GET_DATA, GET_CHILDREN -> {
                        // read-only multi: path only
                    }
                    default -> {
                        return "?" + type;
                    }
                }
                ops.merge(name(type) + " " + path.replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
            List<String> parts = new ArrayList<>();
            ops.forEach((op, count) -> parts.add(count == 1 ? op : count + "x " + op));
            return String.join(", ", parts);
        } catch (RuntimeException ex) {
            return "?";
        }
    }

    /**
     * @param frame a whole reply frame, length prefix included
     * @param offset where the multi response starts (after length and the reply header)
     * @return {@code ok}, or {@code failed: } and the first real error's name (a failed multi
     *         answers every operation with an error result: the one that failed, and
     *         {@code RUNTIMEINCONSISTENCY} or {@code OK} for the others)
     */
    static String outcome(byte[] frame, int offset) {
        try {
            ByteBuffer in = ByteBuffer.wrap(frame, offset, frame.length - offset);
            int type = in.getInt();
            boolean done = in.get() != 0;
            int err = in.getInt();
            if (done || type != -1) {
                return "ok";
            }
            int first = 0;
            while (!done && type == -1) {
                int code = in.getInt();
                if (first == 0 && code != 0 && code != org.apache.zookeeper.KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    first = code;
                }
                type = in.getInt();
                done = in.get() != 0;
                err = in.getInt();
            }
            return "failed: " + org.apache.zookeeper.KeeperException.Code.get(first);
        } catch (RuntimeException ex) {
            return "?";
        }
    }

    private static String name(int type) {
        return switch (type) {
            case CREATE -> "create";
            case DELETE -> "delete";
            case SET_DATA -> "setData";
            case CHECK -> "check";
            case CREATE2 -> "create2";
            case CREATE_CONTAINER -> "createContainer";
            case CREATE_TTL -> "createTTL";
            case GET_DATA -> "getData";
            case GET_CHILDREN -> "getChildren";
            default -> "op" + type;
        };
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skipBuffer(ByteBuffer in) {
        int length = in.getInt();
        if (length > 0) {
            in.position(in.position() + length);
        }
    }
}
