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

    private final int targetPort;
    private final ServerSocket server;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Listens on a free loopback port.
     *
     * @param targetPort the ZooKeeper server's client port on 127.0.0.1
     * @throws IOException when no port can be had
     */
    public RequestCountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "zk-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the connect string clients use to go through the proxy */
    public String connectString() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** @return requests counted so far, by operation name */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((op, count) -> result.put(op, count.sum()));
        return result;
    }

    /**
     * @param before an earlier {@link #snapshot()}
     * @return the requests counted since, by operation name
     */
    public Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> result = new TreeMap<>();
        snapshot().forEach((op, count) -> {
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

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                start("zk-proxy-up", () -> countRequests(client.getInputStream(), upstream.getOutputStream()), client, upstream);
                start("zk-proxy-down", () -> upstream.getInputStream().transferTo(client.getOutputStream()), client, upstream);
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

    private long countRequests(InputStream from, OutputStream to) throws IOException {
        DataInputStream in = new DataInputStream(from);
        boolean first = true;
        long packets = 0;
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return packets;
            }
            byte[] frame = new byte[length + 4];
            frame[0] = (byte) (length >>> 24);
            frame[1] = (byte) (length >>> 16);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            in.readFully(frame, 4, length);
            String op;
            if (first) {
                op = "connect";
                first = false;
            } else if (length >= 8) {
                // body: xid (4 bytes), then the operation code (4 bytes)
                int type = ((frame[8] & 0xff) << 24) | ((frame[9] & 0xff) << 16) | ((frame[10] & 0xff) << 8) | (frame[11] & 0xff);
                op = NAMES.getOrDefault(type, "op" + type);
            } else {
                op = "short";
            }
            counts.computeIfAbsent(op, key -> new LongAdder()).increment();
            packets++;
            to.write(frame);
            to.flush();
        }
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(RequestCountingProxy::closeQuietly);
    }
}
