package io.cronshard.internal.diagnostics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Serves job dumps on a local TCP port, as the classic model did, but off unless the system
 * property {@value #PORT_PROPERTY} names a port, and bound to the loopback address only
 * (design note 17, docs/design-notes.md): {@code echo "dump myJob" | nc 127.0.0.1 <port>}. One line in
 * ({@code dump <job>}, or {@code dump} for the list of jobs), the dump out, connection closed.
 *
 * <p>Shared by the JVM's jobs and reference counted like the shared scheduler: the first job
 * that registers opens the port, the last one that leaves closes it; one thread, only while open.
 */
public final class DumpServer {

    /** System property: the port to serve dumps on; unset or 0 = off. */
    public static final String PORT_PROPERTY = "cronshard.dump.port";

    private static final Logger LOG = LoggerFactory.getLogger(DumpServer.class);
    private static final Object LOCK = new Object();
    private static DumpServer current;

    private final ServerSocket socket;
    private final Map<String, List<Supplier<String>>> dumps = new TreeMap<>();

    private DumpServer(int port) throws IOException {
        socket = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "cronshard-dump");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Serving job dumps on {}:{}", socket.getInetAddress().getHostAddress(), socket.getLocalPort());
    }

    /**
     * Makes a job instance's dump available when a dump port is configured.
     *
     * @param jobName the job
     * @param dump produces the instance's dump
     * @return a handle to {@link Registration#close() close} when the instance stops; does nothing when no port is configured
     */
    public static Registration register(String jobName, Supplier<String> dump) {
        int port = Integer.getInteger(PORT_PROPERTY, 0);
        if (port <= 0) {
            return () -> { };
        }
        synchronized (LOCK) {
            if (current == null) {
                try {
                    current = new DumpServer(port);
                } catch (IOException ex) {
                    LOG.warn("Cannot serve job dumps on 127.0.0.1:{}: {}", port, ex.toString());
                    return () -> { };
                }
            }
            DumpServer server = current;
            server.dumps.computeIfAbsent(jobName, key -> new ArrayList<>()).add(dump);
            return () -> server.unregister(jobName, dump);
        }
    }

    /** @return the port dumps are served on, or -1 when none */
    public static int localPort() {
        synchronized (LOCK) {
            return current == null ? -1 : current.socket.getLocalPort();
        }
    }

    private void unregister(String jobName, Supplier<String> dump) {
        synchronized (LOCK) {
            List<Supplier<String>> list = dumps.get(jobName);
            if (list != null) {
                list.remove(dump);
                if (list.isEmpty()) {
                    dumps.remove(jobName);
                }
            }
            if (dumps.isEmpty() && current == this) {
                current = null;
                try {
                    socket.close();
                } catch (IOException ignored) {
                    LOG.debug("Closing the dump port failed", ignored);
                }
            }
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(5_000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine();
                OutputStream out = client.getOutputStream();
                out.write(answer(line == null ? "" : line.trim()).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ex) {
                if (!socket.isClosed()) {
                    LOG.debug("A dump request failed: {}", ex.toString());
                }
            }
        }
    }

    private String answer(String request) {
        List<Supplier<String>> targets;
        String[] words = request.split("\\s+", 2);
        if (!"dump".equals(words[0])) {
            return "usage: dump <job>" + System.lineSeparator();
        }
        synchronized (LOCK) {
            if (words.length < 2) {
                return "jobs: " + dumps.keySet() + System.lineSeparator();
            }
            targets = new ArrayList<>(dumps.getOrDefault(words[1], List.of()));
        }
        if (targets.isEmpty()) {
            return "no instance of job '" + words[1] + "' runs in this JVM" + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        targets.forEach(each -> out.append(each.get()));
        return out.toString();
    }

    /** Withdraws an instance's dump. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
