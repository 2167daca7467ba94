package io.cronshard.internal.cache;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A persistent recursive watch added on the raw ZooKeeper handle, so that each event keeps the
 * zxid of the transaction that caused it (Curator's {@code PersistentWatcher} re-creates events
 * without it). Like that recipe, it adds the watch again on every reconnection (a new session
 * gets a new handle) and then tells the owner to reload. Events arrive on the ZooKeeper event
 * thread, in order with the background callbacks of the same client.
 */
final class RecursiveWatch implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecursiveWatch.class);

    private final CuratorFramework client;
    private final String fullPath;
    private final Watcher watcher;
    private final Runnable onReset;
    private final ConnectionStateListener connectionListener = this::connectionChanged;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param client a client, possibly with a namespace
     * @param path the watched path inside the client's namespace
     * @param onEvent receives every node event, with paths inside the namespace
     * @param onReset called each time the watch has been (re-)added: everything may have changed meanwhile
     */
    RecursiveWatch(CuratorFramework client, String path, Consumer<WatchedEvent> onEvent, Runnable onReset) {
        this.client = client;
        this.fullPath = ZKPaths.fixForNamespace(client.getNamespace(), path);
        String namespace = client.getNamespace();
        String prefix = namespace == null || namespace.isEmpty() ? "" : "/" + namespace;
        this.onReset = onReset;
        this.watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.None || closed.get() || event.getPath() == null) {
                return;
            }
            String inNamespace = event.getPath().substring(prefix.length());
            onEvent.accept(new WatchedEvent(event.getType(), event.getState(), inNamespace, event.getZxid()));
        };
    }

    /** Adds the watch; the first reset follows once it is in place. */
    void start() {
        client.getConnectionStateListenable().addListener(connectionListener);
        add();
    }

    private void connectionChanged(CuratorFramework ignored, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED && !closed.get()) {
            add();
        }
    }

    private void add() {
        try {
            ZooKeeper zooKeeper = client.getZookeeperClient().getZooKeeper();
            zooKeeper.addWatch(fullPath, watcher, AddWatchMode.PERSISTENT_RECURSIVE, (rc, path, ctx) -> {
                if (rc == KeeperException.Code.OK.intValue()) {
                    if (!closed.get()) {
                        onReset.run();
                    }
                } else {
                    LOG.debug("Adding the watch on {} failed: {}; retrying at the next reconnection", fullPath, KeeperException.Code.get(rc));
                }
            }, null);
        } catch (Exception ex) {
            LOG.debug("Adding the watch on {} failed; retrying at the next reconnection", fullPath, ex);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.getConnectionStateListenable().removeListener(connectionListener);
            try {
                client.getZookeeperClient().getZooKeeper().removeWatches(fullPath, watcher, Watcher.WatcherType.Any, true);
            } catch (Exception ex) {
                LOG.debug("Removing the watch on {} failed; it goes with the session", fullPath, ex);
            }
        }
    }
}
