package io.cronshard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the ZooKeeper server that can partition the clients behind it the way
 * a real network does: {@link #partition()} stops every byte in both directions without closing
 * anything, so the client only notices through its own timeouts and the server expires the
 * session when it has heard nothing for the session timeout. {@link #heal()} closes the silenced
 * connections and lets new ones through again.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean partitioned;
    private volatile boolean closed;

    /**
     * @param targetPort the server's port on loopback
     * @throws IOException when no port can be opened
     */
    public TcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code host:port} to give clients instead of the server's */
    public String getConnectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Silences every connection, current and new, in both directions, without closing any. */
    public void partition() {
        partitioned = true;
    }

    /** Closes the silenced connections (clients reconnect) and forwards again. */
    public void heal() {
        partitioned = false;
        for (Socket each : sockets) {
            closeQuietly(each);
        }
        sockets.clear();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (partitioned) {
                    continue; // held open, never answered
                }
                Socket server = new Socket();
                server.connect(target, 5_000);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException ex) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!partitioned) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ex) {
                // one side closed: close the other
            } finally {
                if (!partitioned) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        heal();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
