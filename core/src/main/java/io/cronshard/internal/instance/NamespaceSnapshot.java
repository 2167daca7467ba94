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
 * The jobs a namespace holds, read once (one multi-read of the namespace node and its children)
 * for a burst of starts: an application that schedules hundreds of jobs at once reads the
 * namespace once instead of each job's subtree before each {@code schedule()} returns — a read that
 * would wait behind the writes of every job started before it. A job the snapshot does not list
 * is registered optimistically, as new: its registration creates the job's nodes in one
 * transaction, which ZooKeeper refuses if another instance created any of them meanwhile; the
 * registration then reads the subtree and tries again. The snapshot watches the namespace: once
 * a job is created or removed there (by anyone), or after {@value #FRESH_MILLIS} ms, the next start
 * reads it again; a job registered through it counts as present at once. So a burst of starts reads
 * the namespace once, and a start that follows a change sees the change, as a read of its own
 * subtree would.
 */
public final class NamespaceSnapshot {

    /** How long a snapshot serves starts. */
    static final long FRESH_MILLIS = 2_000L;

    private final CuratorFramework client;
    private final LongSupplier clock;
    private Set<String> jobs;
    private long readAt;

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
     * @return true when a fresh snapshot shows no such job
     * @throws Exception when the namespace cannot be read
     */
    public synchronized boolean claimNew(String jobName) throws Exception {
        long now = clock.getAsLong();
        if (jobs == null || now - readAt > FRESH_MILLIS) {
            jobs = read();
            readAt = now;
        }
        return jobs.add(jobName);
    }

    private synchronized void changed() {
        jobs = null;
    }

    /**
     * @param jobName a job that turned out to exist (its optimistic registration was refused)
     */
    public synchronized void present(String jobName) {
        if (jobs != null) {
            jobs.add(jobName);
        }
    }

    /** Lists the namespace's jobs, leaving a watch that drops the snapshot at the next change. */
    private Set<String> read() throws Exception {
        String root = ZKPaths.fixForNamespace(client.getNamespace(), "/");
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        Watcher dropOnChange = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                changed();
            }
        };
        try {
            return new HashSet<>(handle.getChildren(root, dropOnChange));
        } catch (KeeperException.NoNodeException none) {
            // a namespace not created yet: watch for it
            if (handle.exists(root, dropOnChange) != null) {
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
