package io.cronshard.benchmarks.zookeeper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy in front of the ZooKeeper server that counts the requests its clients send, by
 * operation, without changing a byte. ZooKeeper's client protocol frames every packet as a 4-byte
 * length and a body; after the connect request, each body starts with the request header (xid,
 * operation code). So pings (op 11), reads, writes and multi transactions can be told apart,
 * which the server's {@code zk_packets_received} cannot do.
 *
 * <p>It also reads the server's answers and counts the watch notifications among them (reply
 * xid -1), by event type: exactly what the proxied clients receive, whichever kind of watch
 * (one-time, persistent, persistent recursive) caused them. One proxy may front several servers
 * of an ensemble (a loopback port for each), counting them all together.
 *
 * <p>The proxy adds one loopback hop to each request; figures that are latencies say whether
 * they went through it.
 */
public final class RequestCountingProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestCountingProxy.class);

    /** ZooKeeper operation codes (org.apache.zookeeper.ZooDefs.OpCode), by name. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "create"), Map.entry(2, "delete"), Map.entry(3, "exists"), Map.entry(4, "getData"),
            Map.entry(5, "setData"), Map.entry(6, "getACL"), Map.entry(7, "setACL"), Map.entry(8, "getChildren"),
            Map.entry(9, "sync"), Map.entry(11, "ping"), Map.entry(12, "getChildren2"), Map.entry(13, "check"),
            Map.entry(14, "multi"), Map.entry(15, "create2"), Map.entry(16, "reconfig"), Map.entry(17, "checkWatches"),
            Map.entry(18, "removeWatches"), Map.entry(19, "createContainer"), Map.entry(20, "deleteContainer"),
            Map.entry(21, "createTTL"), Map.entry(22, "multiRead"), Map.entry(100, "auth"), Map.entry(101, "setWatches"),
            Map.entry(102, "sasl"), Map.entry(103, "getEphemerals"), Map.entry(104, "getAllChildrenNumber"),
            Map.entry(105, "setWatches2"), Map.entry(106, "addWatch"), Map.entry(107, "whoAmI"), Map.entry(-11, "closeSession"));

    /** Operations that read data. */
    private static final List<String> READS = List.of("exists", "getData", "getACL", "getChildren", "getChildren2",
            "getEphemerals", "getAllChildrenNumber", "multiRead");

    /** Operations that write (each is one transaction; a multi is one transaction of several operations). */
    private static final List<String> WRITES = List.of("create", "delete", "setData", "setACL", "multi", "create2",
            "createContainer", "deleteContainer", "createTTL", "check", "reconfig", "closeSession");

    /** Watch event types (org.apache.zookeeper.Watcher.Event.EventType), by code. */
    private static final Map<Integer, String> EVENTS = Map.of(
            -1, "None", 1, "NodeCreated", 2, "NodeDeleted", 3, "NodeDataChanged", 4, "NodeChildrenChanged",
            5, "DataWatchRemoved", 6, "ChildWatchRemoved", 7, "PersistentWatchRemoved");

    /** The xid of a server packet that is a watch notification, not a reply. */
    private static final int NOTIFICATION_XID = -1;

    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> notifications = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> shapes = new ConcurrentHashMap<>();
    private final Map<String, RoundTrips> roundTrips = new ConcurrentHashMap<>();

    /** Round trips of one operation as the proxy saw them (request passed on to answer received), at most {@value #MAX_ROUND_TRIPS} kept. */
    private static final class RoundTrips {
        private final List<Double> millis = new java.util.ArrayList<>();

        synchronized void add(long nanos) {
            if (millis.size() < MAX_ROUND_TRIPS) {
                millis.add(nanos / 1e6);
            }
        }

        synchronized io.cronshard.benchmarks.support.Percentiles percentiles() {
            return new io.cronshard.benchmarks.support.Percentiles(millis);
        }
    }

    private static final int MAX_ROUND_TRIPS = 200_000;

    /** Distinct multi shapes kept at most (paths are generalised, so a run has a handful). */
    private static final int MAX_SHAPES = 1_000;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Listens on a free loopback port.
     *
     * @param targetPort the ZooKeeper server's client port on 127.0.0.1
     * @throws IOException when no port can be had
     */
    public RequestCountingProxy(int targetPort) throws IOException {
        this(List.of(targetPort));
    }

    /**
     * Listens on a free loopback port for each server.
     *
     * @param targetPorts the client ports of the servers on 127.0.0.1 (an ensemble's)
     * @throws IOException when no port can be had
     */
    public RequestCountingProxy(List<Integer> targetPorts) throws IOException {
        for (int each : targetPorts) {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            listeners.add(server);
            Thread acceptor = new Thread(() -> accept(server, each), "zk-proxy-accept-" + each);
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    /** @return the connect string clients use to go through the proxy (every proxied server) */
    public String connectString() {
        return String.join(",", listeners.stream().map(each -> "127.0.0.1:" + each.getLocalPort()).toList());
    }

    /** @return requests counted so far, by operation name */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((op, count) -> result.put(op, count.sum()));
        return result;
    }

    /**
     * @return the multi requests answered so far by shape and outcome: their operations and paths,
     *         digits in paths replaced by {@code #}, then {@code -> ok} or {@code -> failed: CODE}
     *         (e.g. {@code create2 /ns/job/sharding/#/running -> ok}), to tell which transactions a
     *         fire or a start sends and which of them the server refused
     */
    public Map<String, Long> multiShapeSnapshot() {
        Map<String, Long> result = new TreeMap<>();
        shapes.forEach((shape, count) -> result.put(shape, count.sum()));
        return result;
    }

    /**
     * @param before an earlier {@link #multiShapeSnapshot()}
     * @return the multi requests counted since, by shape
     */
    public Map<String, Long> multiShapesSince(Map<String, Long> before) {
        return delta(multiShapeSnapshot(), before);
    }

    /**
     * @return by operation, the round trips since the last {@link #resetRoundTrips()}, in ms,
     *         from the proxy passing a request on to the server's answer passing back: the
     *         server's time plus the time the request waited behind the session's earlier ones
     *         (a session's requests are answered in order)
     */
    public Map<String, io.cronshard.benchmarks.support.Percentiles> roundTrips() {
        Map<String, io.cronshard.benchmarks.support.Percentiles> result = new TreeMap<>();
        roundTrips.forEach((op, trips) -> result.put(op, trips.percentiles()));
        return result;
    }

    /** Forgets the round trips taken so far. */
    public void resetRoundTrips() {
        roundTrips.clear();
    }

    /** @return watch notifications the clients received so far, by event type name (e.g. {@code NodeCreated}) */
    public Map<String, Long> notificationSnapshot() {
        Map<String, Long> result = new TreeMap<>();
        notifications.forEach((type, count) -> result.put(type, count.sum()));
        return result;
    }

    /**
     * @param before an earlier {@link #notificationSnapshot()}
     * @return the notifications received since, by event type name
     */
    public Map<String, Long> notificationsSince(Map<String, Long> before) {
        return delta(notificationSnapshot(), before);
    }

    /**
     * @param byType notifications by event type
     * @return all of them
     */
    public static long total(Map<String, Long> byType) {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param before an earlier {@link #snapshot()}
     * @return the requests counted since, by operation name
     */
    public Map<String, Long> since(Map<String, Long> before) {
        return delta(snapshot(), before);
    }

    private static Map<String, Long> delta(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> result = new TreeMap<>();
        now.forEach((op, count) -> {
            long delta = count - before.getOrDefault(op, 0L);
            if (delta != 0) {
                result.put(op, delta);
            }
        });
        return result;
    }

    /**
     * @param byOperation counts by operation
     * @return the reads among them
     */
    public static long reads(Map<String, Long> byOperation) {
        return READS.stream().mapToLong(op -> byOperation.getOrDefault(op, 0L)).sum();
    }

    /**
     * @param byOperation counts by operation
     * @return the write transactions among them
     */
    public static long writes(Map<String, Long> byOperation) {
        return WRITES.stream().mapToLong(op -> byOperation.getOrDefault(op, 0L)).sum();
    }

    /**
     * @param byOperation counts by operation
     * @return all of them except pings
     */
    public static long requests(Map<String, Long> byOperation) {
        return byOperation.entrySet().stream().filter(each -> !"ping".equals(each.getKey()) && !"connect".equals(each.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private void accept(ServerSocket server, int targetPort) {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                // requests of this connection waiting for their answer, by xid
                Map<Integer, Pending> pendingMultis = new ConcurrentHashMap<>();
                start("zk-proxy-up", () -> countRequests(client.getInputStream(), upstream.getOutputStream(), pendingMultis), client, upstream);
                start("zk-proxy-down", () -> countNotifications(upstream.getInputStream(), client.getOutputStream(), pendingMultis), client, upstream);
            } catch (IOException ex) {
                if (!closed) {
                    LOG.debug("Proxy accept failed", ex);
                }
            }
        }
    }

    private interface Pump {
        long run() throws IOException;
    }

    private void start(String name, Pump pump, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException ignored) {
                // a side closed
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A request on its way: its operation, its multi shape (null for other operations), when the proxy passed it on. */
    private record Pending(String op, String shape, long sentNanos) {
    }

    private long countRequests(InputStream from, OutputStream to, Map<Integer, Pending> pendingMultis) throws IOException {
        DataInputStream in = new DataInputStream(from);
        boolean first = true;
        long packets = 0;
        while (true) {
            byte[] frame = readFrame(in);
            if (frame == null) {
                return packets;
            }
            String op;
            if (first) {
                op = "connect";
                first = false;
            } else if (frame.length >= 12) {
                // body: xid (4 bytes), then the operation code (4 bytes)
                op = NAMES.getOrDefault(readInt(frame, 8), "op" + readInt(frame, 8));
            } else {
                op = "short";
            }
            counts.computeIfAbsent(op, key -> new LongAdder()).increment();
            String shape = "multi".equals(op) ? MultiShape.of(frame, 12) : null;
            packets++;
            if (!"connect".equals(op) && !"short".equals(op)) {
                pendingMultis.put(readInt(frame, 4), new Pending(op, shape, System.nanoTime()));
            }
            to.write(frame);
            to.flush();
        }
    }

    /** Passes the server's packets on, counting the watch notifications among them and the outcome of multi requests. */
    private long countNotifications(InputStream from, OutputStream to, Map<Integer, Pending> pendingMultis) throws IOException {
        DataInputStream in = new DataInputStream(from);
        boolean first = true;
        long packets = 0;
        while (true) {
            byte[] frame = readFrame(in);
            if (frame == null) {
                return packets;
            }
            // after the connect response, each body starts with the reply header: xid, zxid (8 bytes), err;
            // a notification (xid -1) then carries the watcher event: type, state, path
            if (!first && frame.length >= 24 && readInt(frame, 4) == NOTIFICATION_XID) {
                int type = readInt(frame, 20);
                notifications.computeIfAbsent(EVENTS.getOrDefault(type, "type" + type), key -> new LongAdder()).increment();
            } else if (!first && frame.length >= 20) {
                Pending pending = pendingMultis.remove(readInt(frame, 4));
                if (pending != null) {
                    roundTrips.computeIfAbsent(pending.op(), any -> new RoundTrips()).add(System.nanoTime() - pending.sentNanos());
                }
                if (pending != null && pending.shape() != null) {
                    String key = pending.shape() + " -> " + MultiShape.outcome(frame, 20);
                    if (shapes.size() < MAX_SHAPES || shapes.containsKey(key)) {
                        shapes.computeIfAbsent(key, any -> new LongAdder()).increment();
                    }
                }
            }
            first = false;
            packets++;
            to.write(frame);
            to.flush();
        }
    }

    /** @return the next length-prefixed frame, length included; null at the end of the stream */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] frame = new byte[length + 4];
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        in.readFully(frame, 4, length);
        return frame;
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket each : listeners) {
            try {
                each.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.forEach(RequestCountingProxy::closeQuietly);
    }
}
