package io.cronshard.benchmarks.zookeeper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends ZooKeeper's four-letter commands ({@code mntr}, {@code srvr}, {@code wchs}, ...) and
 * parses their answers. The server must allow them ({@code -Dzookeeper.4lw.commands.whitelist=*}).
 * These commands are answered before the request pipeline, so asking costs the measured
 * clients nothing and does not count in {@code zk_packets_received}.
 */
public final class FourLetterWords {

    private final String host;
    private final int port;

    /**
     * @param host the server's host
     * @param port its client port
     */
    public FourLetterWords(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * @param command a four-letter command
     * @return the server's whole answer
     * @throws IllegalStateException when the server cannot be asked
     */
    public String ask(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot send '" + command + "' to ZooKeeper at " + host + ":" + port, ex);
        }
    }

    /** @return every {@code mntr} figure by name, e.g. {@code zk_packets_received} */
    public Map<String, String> mntr() {
        return parseMntr(ask("mntr"));
    }

    /**
     * @param name a numeric {@code mntr} figure
     * @return its value now
     */
    public long mntrLong(String name) {
        String value = mntr().get(name);
        if (value == null) {
            throw new IllegalStateException("mntr has no " + name + ": is zookeeper.4lw.commands.whitelist set?");
        }
        return (long) Double.parseDouble(value);
    }

    /** @return the last committed zxid: it grows by one with every write transaction (a multi is one) */
    public long zxid() {
        return parseZxid(ask("srvr"));
    }

    /** @return how many watches the server holds, all sessions together ({@code wchs}) */
    public long watches() {
        return parseTotalWatches(ask("wchs"));
    }

    /** The {@code mntr} sums of watchers triggered, one per event type: each triggered watcher is one notification sent. */
    static final java.util.List<String> NOTIFICATION_SUMS = java.util.List.of("zk_sum_node_created_watch_count",
            "zk_sum_node_deleted_watch_count", "zk_sum_node_changed_watch_count", "zk_sum_node_children_watch_count");

    /**
     * @return watch notifications this server has sent to its clients since it started: the sum
     *         of its {@code mntr} counts of watchers triggered per node created, deleted, changed
     *         and per children changed (standard, persistent and recursive watches alike)
     */
    public long watchNotifications() {
        return watchNotifications(mntr());
    }

    static long watchNotifications(Map<String, String> mntr) {
        long result = 0;
        for (String each : NOTIFICATION_SUMS) {
            String value = mntr.get(each);
            if (value == null) {
                throw new IllegalStateException("mntr has no " + each + ": is zookeeper.4lw.commands.whitelist set?");
            }
            result += (long) Double.parseDouble(value);
        }
        return result;
    }

    /**
     * Waits until the zxid has not moved for two seconds (leaders elected, splits written, every
     * start's writes sent), at most a minute.
     *
     * @return milliseconds from the call until the last write seen
     */
    public long awaitQuiet() throws InterruptedException {
        long begin = System.nanoTime();
        long last = zxid();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < 2_000_000_000L && System.nanoTime() - begin < 60_000_000_000L) {
            Thread.sleep(100);
            long now = zxid();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return (lastChange - begin) / 1_000_000;
    }

    /** @return whether the server answers and serves requests ({@code srvr} shows a zxid) */
    public boolean isServing() {
        try {
            return ask("srvr").contains("Zxid:");
        } catch (IllegalStateException ex) {
            return false;
        }
    }

    static Map<String, String> parseMntr(String answer) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : answer.split("\n")) {
            String[] parts = line.trim().split("\\s+", 2);
            if (parts.length == 2) {
                result.put(parts[0], parts[1].trim());
            }
        }
        return result;
    }

    static long parseZxid(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Zxid:")) {
                return Long.decode(line.substring("Zxid:".length()).trim());
            }
        }
        throw new IllegalStateException("srvr gave no Zxid: " + srvr);
    }

    static long parseTotalWatches(String wchs) {
        for (String line : wchs.split("\n")) {
            if (line.startsWith("Total watches:")) {
                return Long.parseLong(line.substring("Total watches:".length()).trim());
            }
        }
        throw new IllegalStateException("wchs gave no total: " + wchs);
    }
}
