package io.cronshard.internal.instance;

import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The jobs a namespace holds, read once (one read of the namespace's children) for a burst of
 * starts: an application that schedules hundreds of jobs at once reads the namespace once instead
 * of each job's subtree before each {@code schedule()} returns — a read that would wait behind the
 * writes of every job started before it. A job the snapshot does not list is registered
 * optimistically, as new: its registration creates the job's nodes in one transaction, which
 * ZooKeeper refuses if another instance created any of them meanwhile; the registration then reads
 * the subtree and tries again. So the snapshot only saves reads, it never decides alone: a listing
 * a moment old costs at most one refused transaction.
 *
 * <p>The snapshot watches the namespace: once a job is created or removed there (by anyone, this
 * instance's own starts included), it is listed again in the background while starts go on with
 * what they have, so a burst never waits for a listing behind its own writes. A job registered
 * through the snapshot, or found present, counts as present from then on. The listing serves a
 * burst only: a start more than {@value #BURST_GAP_MILLIS} ms after the previous one, or a listing
 * older than {@value #FRESH_MILLIS} ms (a lost session may have taken the watch), reads the
 * namespace again first — so a start on its own sees every job created before it, and refuses a
 * conflicting stored configuration before {@code schedule()} returns.
 */
public final class NamespaceSnapshot {

    /** How long a listing serves starts. */
    static final long FRESH_MILLIS = 2_000L;

    /** The longest pause between two starts of one burst. */
    static final long BURST_GAP_MILLIS = 250L;

    private final CuratorFramework client;
    private final LongSupplier clock;
    /** Jobs registered or found present through this snapshot. */
    private final Set<String> known = new HashSet<>();
    private final Watcher relistOnChange = event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
            relist();
        }
    };
    private Set<String> listed;
    private long listedAt;
    private long lastClaimAt;
    private boolean relisting;

    /**
     * @param client the registry's client
     * @param clock milliseconds, for the snapshot's age
     */
    public NamespaceSnapshot(CuratorFramework client, LongSupplier clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Whether a job may be registered as new without reading its subtree; when it may, the job
     * counts as present for the starts after this one.
     *
     * @param jobName the job
     * @return true when the snapshot shows no such job
     * @throws Exception when the namespace cannot be read
     */
    public synchronized boolean claimNew(String jobName) throws Exception {
        long now = clock.getAsLong();
        if (listed == null || now - listedAt > FRESH_MILLIS || now - lastClaimAt > BURST_GAP_MILLIS) {
            listed = read();
            listedAt = now;
        }
        lastClaimAt = now;
        return !listed.contains(jobName) && known.add(jobName);
    }

    /**
     * @param jobName a job that turned out to exist (its optimistic registration was refused)
     */
    public synchronized void present(String jobName) {
        known.add(jobName);
    }

    /** On a change in the namespace: lists it again in the background, one listing at a time. */
    private synchronized void relist() {
        if (relisting) {
            return;
        }
        relisting = true;
        long sentAt = clock.getAsLong();
        try {
            client.getZookeeperClient().getZooKeeper().getChildren(root(), relistOnChange, (rc, path, ctx, children) -> {
                synchronized (this) {
                    relisting = false;
                    if (rc == KeeperException.Code.OK.intValue()) {
                        if (listed == null || sentAt >= listedAt) {
                            listed = new HashSet<>(children);
                            listedAt = sentAt;
                        }
                    } else {
                        // read again, and report why, at the next start
                        listed = null;
                    }
                }
            }, null);
        } catch (Exception ex) {
            relisting = false;
            listed = null;
        }
    }

    private String root() {
        return ZKPaths.fixForNamespace(client.getNamespace(), "/");
    }

    /** Lists the namespace's jobs, leaving a watch that lists them again at the next change. */
    private Set<String> read() throws Exception {
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        try {
            return new HashSet<>(handle.getChildren(root(), relistOnChange));
        } catch (KeeperException.NoNodeException none) {
            // a namespace not created yet: watch for it
            if (handle.exists(root(), relistOnChange) != null) {
                return read();
            }
            return new HashSet<>();
        } catch (KeeperException.NoAuthException ex) {
            throw new RegistryCenterException("No access to namespace '" + client.getNamespace() + "' on ZooKeeper '"
                    + client.getZookeeperClient().getCurrentConnectionString()
                    + "': its nodes were created with another digest (NoAuth); give the registry center the digest they were created with", ex);
        }
    }
}
