package io.cronshard.internal.cache;

import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A local copy of one job's subtree, kept fresh by a single persistent recursive watch.
 *
 * <p>Why not Curator's {@code CuratorCache}: it reads the data of every node an event names, so
 * each running mark another instance creates or deletes would cost this instance a read. Here a
 * node's data is fetched only where its data matters ({@link TreePaths}); the marks whose
 * existence is all that matters are tracked from the watch events alone. The watch is a
 * {@link RecursiveWatch}, added on the raw handle so that events keep their zxid, and added again
 * after every reconnection; every reset reloads the whole subtree, a level at a time, each level in
 * as few requests as it may ({@link MultiRead}).
 *
 * <p>All changes are applied and reported in the order ZooKeeper made them, on the ZooKeeper
 * event thread: an event whose data is still being fetched holds back the events after it. So a
 * subscriber that sees the resharding flag deleted has already seen the split written before it.
 * Each part of a job {@link #subscribe subscribes} to the paths it cares about; subscribers must
 * return quickly.
 */
public final class JobTreeCache implements CacheView, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JobTreeCache.class);

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private final RecursiveWatch watcher;
    private final Subscribers subscribers;
    private final ConcurrentSkipListMap<String, CachedNode> nodes = new ConcurrentSkipListMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private int reloadGeneration;
    private int reloadOutstanding;
    private boolean reloadFailed;
    private boolean retryReloadSoon;
    private int reloadRetries;
    private Set<String> reloadSeen;
    private final Completeness completeness = new Completeness();

    /**
     * @param client a started client in the registry's namespace
     * @param paths the job's node paths
     */
    public JobTreeCache(CuratorFramework client, JobNodePaths paths) {
        this.client = client;
        this.paths = paths;
        this.subscribers = new Subscribers(paths.getJobName());
        this.watcher = new RecursiveWatch(client, paths.root(), this::onWatchedEvent, this::onReset);
    }

    /**
     * Reports the changes of the paths the filter accepts, and every full reload. Subscribe before
     * {@link #start()}.
     *
     * @param filter accepts the relative paths the listener cares about
     * @param listener receives their changes
     */
    public void subscribe(Predicate<String> filter, CacheListener listener) {
        subscribers.add(filter, listener);
    }

    /** Adds the watch and starts loading the subtree; {@link Listener#reloaded()} tells when it is loaded. */
    public void start() {
        watcher.start();
    }

    @Override
    public boolean isLoaded() {
        return firstLoad.getCount() == 0;
    }

    /**
     * @param timeoutMillis how long to wait
     * @return whether the subtree has been loaded once within the time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
        return firstLoad.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watcher.close();
        }
    }

    @Override
    public boolean isCaughtUpWith(long zxid) {
        return completeness.isCaughtUpWith(zxid);
    }

    @Override
    public boolean exists(String relative) {
        return nodes.containsKey(relative);
    }

    @Override
    public CachedNode get(String relative) {
        return nodes.get(relative);
    }

    @Override
    public List<String> getChildren(String relative) {
        String prefix = relative + "/";
        List<String> result = new ArrayList<>();
        for (String key : nodes.subMap(prefix, true, relative + "0", false).keySet()) {
            String rest = key.substring(prefix.length());
            if (rest.indexOf('/') < 0) {
                result.add(rest);
            }
        }
        return result;
    }

    /**
     * Forgets a node this instance has just deleted itself, so that its own next decision does
     * not wait for the watch event. A late event for the same node changes nothing.
     *
     * @param relative a path relative to the job root
     */
    public void forget(String relative) {
        nodes.remove(relative);
    }

    /**
     * Runs the task once the cache holds every change ZooKeeper made before this call (a
     * {@code sync}: its answer comes after the events that precede it). Runs on the ZooKeeper
     * event thread, so the task must only hand work over.
     *
     * @param task what to run
     */
    public void afterCatchUp(Runnable task) {
        long readBefore = completeness.highestRead();
        try {
            client.sync().inBackground((c, event) -> {
                // behind the changes still being read: the task sees them applied, and with them
                // every change up to what any read had returned before the sync was sent
                Pending marker = new Pending(null, false);
                marker.task = task;
                marker.zxid = readBefore;
                marker.done = true;
                synchronized (this) {
                    enqueue(marker);
                    drain();
                }
            }).forPath(paths.root());
        } catch (Exception ex) {
            LOG.debug("Cannot sync job '{}' with ZooKeeper", paths.getJobName(), ex);
        }
    }

    /** @return a snapshot of every cached path and its data (null for existence-only nodes), for diagnostics */
    public Map<String, String> snapshot() {
        Map<String, String> result = new java.util.TreeMap<>();
        nodes.forEach((key, node) -> result.put(key, node.getData()));
        return result;
    }

    // ---------------------------------------------------------------- events and reloads (ZooKeeper event thread)

    private String relativeOf(String fullPath) {
        return TreePaths.relative(paths.root(), fullPath);
    }

    private void onWatchedEvent(WatchedEvent event) {
        String relative = relativeOf(event.getPath());
        if (relative == null || closed.get() || TreePaths.isIgnored(relative)) {
            return;
        }
        synchronized (this) {
            switch (event.getType()) {
                case NodeCreated:
                case NodeDataChanged:
                    if (TreePaths.needsData(relative)) {
                        fetch(relative).zxid = event.getZxid();
                    } else if (event.getType() == org.apache.zookeeper.Watcher.Event.EventType.NodeCreated) {
                        Pending created = Pending.ready(relative, CachedNode.PRESENT, false);
                        created.zxid = event.getZxid();
                        enqueue(created);
                    }
                    break;
                case NodeDeleted:
                    Pending deleted = Pending.ready(relative, null, false);
                    deleted.zxid = event.getZxid();
                    enqueue(deleted);
                    break;
                default:
                    break;
            }
            drain();
        }
    }

    private synchronized void onReset() {
        if (closed.get()) {
            return;
        }
        completeness.loaded(false);
        reloadGeneration++;
        reloadOutstanding = 0;
        reloadFailed = false;
        reloadSeen = new HashSet<>();
        load(List.of(""));
        drain();
    }

    /** Reads one level of the subtree (the data and children of each path) in as few requests as it may. */
    private void load(List<String> level) {
        List<Pending> reads = new ArrayList<>();
        for (String relative : level) {
            if (TreePaths.needsData(relative)) {
                reads.add(reloadPending(relative, null, false));
            } else if (!relative.isEmpty()) {
                enqueue(reloadPending(relative, CachedNode.PRESENT, true));
            }
            if (TreePaths.hasChildren(relative)) {
                reads.add(reloadPending(relative, null, false));
                reads.get(reads.size() - 1).listing = true;
            }
        }
        reads.forEach(this::enqueue);
        List<String> next = new ArrayList<>();
        MultiRead.send(client, reads, paths::full, (read, result) -> {
            synchronized (this) {
                onRead(read, result, next);
            }
        }, () -> {
            synchronized (this) {
                List<String> deeper = new ArrayList<>(next);
                next.clear();
                if (!deeper.isEmpty()) {
                    load(deeper);
                }
                drain();
            }
        });
    }

    private void onRead(Pending slot, OpResult result, List<String> next) {
        List<String> children = slot.answer(result);
        completeness.read(slot.readZxid());
        if (slot.generation == reloadGeneration) {
            for (String child : children) {
                String childPath = slot.path.isEmpty() ? child : slot.path + "/" + child;
                if (!TreePaths.isIgnored(childPath)) {
                    next.add(childPath);
                }
            }
        }
    }

    private Pending reloadPending(String relative, CachedNode node, boolean ready) {
        Pending result = Pending.ready(relative, node, true);
        result.done = ready;
        result.generation = reloadGeneration;
        reloadOutstanding++;
        return result;
    }

    private Pending fetch(String relative) {
        Pending fetch = new Pending(relative, false);
        fetch.done = false;
        enqueue(fetch);
        try {
            client.getData().inBackground((c, event) -> onData(fetch, event)).forPath(paths.full(relative));
        } catch (Exception ex) {
            fetch.failed = true;
            fetch.done = true;
        }
        return fetch;
    }

    private synchronized void onData(Pending fetch, CuratorEvent event) {
        fetch.answerData(event.getResultCode(), event.getData(), event.getStat());
        completeness.read(fetch.readZxid());
        drain();
    }

    private void enqueue(Pending each) {
        pending.addLast(each);
    }

    private void drain() {
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Pending head = pending.pollFirst();
            if (head.task != null) {
                completeness.applied(head.zxid);
                try {
                    head.task.run();
                } catch (RuntimeException ex) {
                    LOG.warn("A catch-up task of job '{}' failed", paths.getJobName(), ex);
                }
                continue;
            }
            boolean current = head.reload && head.generation == reloadGeneration;
            if (head.failed) {
                LOG.debug("Reading {} of job '{}' failed", head.path, paths.getJobName());
                if (current) {
                    reloadFailed = true;
                } else {
                    // a watch event's read failed: only a reload can tell what the node holds now
                    reloadRetries = 0;
                    retryReloadSoon = true;
                }
            } else if (!head.listing && !head.skip) {
                apply(head);
            }
            if (!head.reload && !head.failed) {
                // watch events come in zxid order, and a transaction's flag is its last operation
                completeness.applied(head.zxid);
            }
            if (current && --reloadOutstanding == 0 && reloadSeen != null) {
                finishReload();
            }
        }
        if (retryReloadSoon && reloadSeen == null && !closed.get() && client.getZookeeperClient().isConnected()) {
            retryReloadSoon = false;
            onReset();
        }
    }

    private void apply(Pending change) {
        if (reloadSeen != null && change.node != null) {
            reloadSeen.add(change.path);
        }
        if (change.node == null) {
            NavigableMap<String, CachedNode> below = nodes.subMap(change.path + "/", true, change.path + "0", false);
            for (String key : new ArrayList<>(below.descendingKeySet())) {
                CachedNode removed = nodes.remove(key);
                if (removed != null) {
                    subscribers.changed(ChangeType.DELETED, key, removed, change.zxid);
                }
            }
            CachedNode removed = nodes.remove(change.path);
            if (removed != null) {
                subscribers.changed(ChangeType.DELETED, change.path, removed, change.zxid);
            }
            return;
        }
        CachedNode previous = nodes.put(change.path, change.node);
        if (previous == null) {
            subscribers.changed(ChangeType.CREATED, change.path, change.node, change.zxid);
        } else if (change.node.hasData() && !previous.sameData(change.node)
                || change.node.getStat() != null && previous.getStat() != null && change.node.getStat().getVersion() != previous.getStat().getVersion()) {
            subscribers.changed(ChangeType.UPDATED, change.path, change.node, change.zxid);
        }
    }

    private void finishReload() {
        Set<String> seen = reloadSeen;
        reloadSeen = null;
        if (reloadFailed) {
            // something could not be read: keep what is known rather than report false deletions
            if (++reloadRetries <= 3 && !closed.get() && client.getZookeeperClient().isConnected()) {
                LOG.info("Reloading job '{}' from ZooKeeper again after a failed read", paths.getJobName());
                retryReloadSoon = true;
            } else {
                LOG.warn("Could not reload job '{}' from ZooKeeper; the next reconnection reloads it", paths.getJobName());
            }
            return;
        }
        reloadRetries = 0;
        for (String key : new ArrayList<>(nodes.descendingKeySet())) {
            if (!seen.contains(key)) {
                CachedNode removed = nodes.remove(key);
                if (removed != null) {
                    subscribers.changed(ChangeType.DELETED, key, removed, -1);
                }
            }
        }
        completeness.loaded(true);
        firstLoad.countDown();
        subscribers.reloaded();
    }
}
