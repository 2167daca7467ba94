package io.cronshard.benchmarks.zookeeper;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A plain ZooKeeper session of the harness's own (no Curator, no cache, no watch) that reads
 * nodes and their {@link Stat}s, many at a time in read-only multi requests, after or between
 * measured windows. A node's {@code ctime} and {@code mtime} are the server's clock when the
 * transaction that created or last changed it was applied: with the server on the same machine
 * they are comparable to this JVM's {@code System.currentTimeMillis()}, and they need no watch,
 * so reading them costs the measured clients nothing.
 */
public final class TreeReader implements AutoCloseable {

    private static final int BATCH = 500;

    private final ZooKeeper zooKeeper;

    private TreeReader(ZooKeeper zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    /**
     * @param connectString the servers, directly (not through a counting proxy)
     * @return a connected reader
     * @throws IOException when it cannot connect within 30 s
     */
    public static TreeReader connect(String connectString) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(30, TimeUnit.SECONDS)) {
            zk.close();
            throw new IOException("Cannot connect to ZooKeeper at " + connectString);
        }
        return new TreeReader(zk);
    }

    /** @return the raw handle, for writes of the harness's own */
    public ZooKeeper handle() {
        return zooKeeper;
    }

    /**
     * @param paths absolute paths
     * @return path → its node's data and stat, for those that exist, in the order asked
     */
    public Map<String, Node> read(List<String> paths) throws KeeperException, InterruptedException {
        Map<String, Node> result = new LinkedHashMap<>();
        for (int from = 0; from < paths.size(); from += BATCH) {
            List<String> batch = paths.subList(from, Math.min(paths.size(), from + BATCH));
            List<Op> ops = new ArrayList<>(batch.size());
            batch.forEach(each -> ops.add(Op.getData(each)));
            List<OpResult> results = zooKeeper.multi(ops);
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) instanceof OpResult.GetDataResult data) {
                    result.put(batch.get(i), new Node(data.getData(), data.getStat()));
                }
            }
        }
        return result;
    }

    /**
     * @param path an absolute path
     * @return its child names; empty when it does not exist
     */
    public List<String> children(String path) throws KeeperException, InterruptedException {
        try {
            return zooKeeper.getChildren(path, false);
        } catch (KeeperException.NoNodeException ex) {
            return List.of();
        }
    }

    /**
     * @param root an absolute path
     * @return every node below it (not itself), as paths relative to it, parents before children
     */
    public List<String> subtree(String root) throws KeeperException, InterruptedException {
        List<String> result = new ArrayList<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(""));
        while (!todo.isEmpty()) {
            String relative = todo.poll();
            List<String> children = new ArrayList<>(children(root + relative));
            java.util.Collections.sort(children);
            for (String each : children) {
                result.add(relative.isEmpty() ? each : relative.substring(1) + "/" + each);
                todo.add(relative + "/" + each);
            }
        }
        return result;
    }

    /**
     * @param path an absolute path
     * @return whether it exists now
     */
    public boolean exists(String path) throws KeeperException, InterruptedException {
        return zooKeeper.exists(path, false) != null;
    }

    /**
     * Creates a persistent node and its parents unless they exist.
     *
     * @param path an absolute path
     */
    public void ensure(String path) throws KeeperException, InterruptedException {
        StringBuilder at = new StringBuilder();
        for (String each : path.substring(1).split("/")) {
            at.append('/').append(each);
            try {
                zooKeeper.create(at.toString(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException ignored) {
                // already there
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        zooKeeper.close();
    }

    /**
     * A node as read.
     *
     * @param data its data (may be null)
     * @param stat its stat: {@code ctime}/{@code mtime} in the server's milliseconds, {@code czxid}/{@code mzxid}
     */
    public record Node(byte[] data, Stat stat) {

        /** @return the data as UTF-8, empty when none */
        public String text() {
            return data == null ? "" : new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
