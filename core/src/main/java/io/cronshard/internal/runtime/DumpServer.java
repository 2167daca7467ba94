package io.cronshard.internal.runtime;

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
 * property {@code cronshard.dump.port} names a port, and bound to the loopback address only
 * (design note 17, docs/design-notes.md): {@code echo "dump myJob" | nc 127.0.0.1 <port>}. One line in
 * ({@code dump <job>}, or {@code dump} for the list of jobs), the dump out, connection closed.
 *
 * <p>Owned by the JVM's {@link CronshardRuntime}: opened by the first job that registers a dump
 * while a port is configured, closed with the runtime; one thread, only while open.
 */
final class DumpServer {

    private static final Logger LOG = LoggerFactory.getLogger(DumpServer.class);

    private final ServerSocket socket;
    private final Map<String, List<Supplier<String>>> dumps = new TreeMap<>();

    DumpServer(int port) throws IOException {
        socket = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "cronshard-dump");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Serving job dumps on {}:{}", socket.getInetAddress().getHostAddress(), socket.getLocalPort());
    }

    synchronized Runnable register(String jobName, Supplier<String> dump) {
        dumps.computeIfAbsent(jobName, key -> new ArrayList<>()).add(dump);
        return () -> unregister(jobName, dump);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    private synchronized void unregister(String jobName, Supplier<String> dump) {
        List<Supplier<String>> list = dumps.get(jobName);
        if (list != null) {
            list.remove(dump);
            if (list.isEmpty()) {
                dumps.remove(jobName);
            }
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            LOG.debug("Closing the dump port failed", ignored);
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
        synchronized (this) {
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
}
