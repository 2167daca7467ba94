package io.cronshard.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Reads the embedded ZooKeeper server's counters through its {@code mntr} command (enabled for
 * tests by the {@code zookeeper.4lw.commands.whitelist} system property in the build).
 */
public final class ServerCounters {

    private ServerCounters() {
    }

    /**
     * @param zookeeper the server
     * @return how many packets (requests and pings) the server has received from all clients
     */
    public static long packetsReceived(EmbeddedZookeeper zookeeper) {
        try (Socket socket = new Socket("127.0.0.1", zookeeper.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("mntr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("zk_packets_received")) {
                    return Long.parseLong(line.split("\\s+")[1]);
                }
            }
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("Cannot read the server's counters", ex);
        }
        throw new IllegalStateException("mntr gave no zk_packets_received: is zookeeper.4lw.commands.whitelist set?");
    }
}
