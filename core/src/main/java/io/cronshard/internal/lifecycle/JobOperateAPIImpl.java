package io.cronshard.internal.lifecycle;

import io.cronshard.internal.storage.CheckpointNode;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.ReshardingFlag;
import io.cronshard.lifecycle.CheckpointInfo;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.RegistryCenterException;
import io.cronshard.sharding.JobInstance;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link JobOperateAPI} on ZooKeeper. */
final class JobOperateAPIImpl extends RegistryBackedAPI implements JobOperateAPI {

    /**
     * @param regCenter an initialised registry center
     * @param owned whether {@link #close()} closes it
     */
    public JobOperateAPIImpl(CoordinatorRegistryCenter regCenter, boolean owned) {
        super(regCenter, owned);
    }

    @Override
    public void trigger(String jobName) {
        for (String job : jobs(jobName)) {
            JobNodePaths paths = new JobNodePaths(job);
            for (String instance : regCenter.getChildrenKeys(paths.full(JobNodePaths.INSTANCES))) {
                setIfExists(paths.full(JobNodePaths.instance(instance)), JobNodePaths.TRIGGER);
            }
        }
    }

    /**
     * Without a server, switches the whole job off through its stored configuration's
     * {@code disabled} flag (so that a server joining later does not run it either); with one,
     * marks that server's node {@code DISABLED}.
     */
    @Override
    public void disable(String jobName, String serverIp) {
        if (serverIp == null) {
            jobs(jobName).forEach(job -> StoredConfiguration.setDisabled(client(), job, true));
        } else {
            setServers(jobName, serverIp, true);
        }
    }

    /**
     * Without a server, switches the job on however it was switched off: clears the stored
     * configuration's {@code disabled} flag and every server's {@code DISABLED}; with one, enables
     * that server only.
     */
    @Override
    public void enable(String jobName, String serverIp) {
        if (serverIp == null) {
            jobs(jobName).forEach(job -> StoredConfiguration.setDisabled(client(), job, false));
        }
        setServers(jobName, serverIp, false);
    }

    @Override
    public void shutdown(String jobName, String serverIp) {
        for (String job : jobs(jobName)) {
            JobNodePaths paths = new JobNodePaths(job);
            for (String instance : regCenter.getChildrenKeys(paths.full(JobNodePaths.INSTANCES))) {
                if (serverIp == null || serverIp.equals(new JobInstance(instance).getServerIp())) {
                    regCenter.remove(paths.full(JobNodePaths.instance(instance)));
                }
            }
        }
    }

    @Override
    public void remove(String jobName, String serverIp) {
        shutdown(jobName, serverIp);
        for (String job : jobs(jobName)) {
            JobNodePaths paths = new JobNodePaths(job);
            if (serverIp == null) {
                removeTree(paths.root());
            } else {
                regCenter.remove(paths.full(JobNodePaths.server(serverIp)));
                requestResharding(paths);
            }
        }
    }

    @Override
    public String dump(String jobName, String instanceId, long timeoutMillis) {
        JobNodePaths paths = new JobNodePaths(jobName);
        String answer = paths.full(JobNodePaths.dump(instanceId));
        CuratorFramework client = client();
        try {
            try {
                client.delete().forPath(answer);
            } catch (KeeperException.NoNodeException none) {
                // no earlier answer left
            }
            client.setData().forPath(paths.full(JobNodePaths.instance(instanceId)), JobNodePaths.DUMP.getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (System.nanoTime() < deadline) {
                java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
                if (client.checkExists().usingWatcher((org.apache.zookeeper.Watcher) event -> changed.countDown()).forPath(answer) != null) {
                    String text = new String(client.getData().forPath(answer), StandardCharsets.UTF_8);
                    try {
                        client.delete().forPath(answer);
                    } catch (KeeperException.NoNodeException gone) {
                        // its instance left meanwhile
                    }
                    return text;
                }
                changed.await(Math.max(1L, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            return null;
        } catch (KeeperException.NoNodeException notRunning) {
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot ask instance " + instanceId + " of job '" + jobName + "' for its dump", ex);
        }
    }

    @Override
    public CheckpointInfo getCheckpoint(String jobName, int item) {
        String path = new JobNodePaths(jobName).full(JobNodePaths.itemCheckpoint(item));
        try {
            CheckpointNode stored = CheckpointNode.fromBytes(client().getData().forPath(path));
            return stored == null ? null : new CheckpointInfo(item, stored.checkpoint(), stored.instanceId() == null ? "" : stored.instanceId(),
                    stored.token(), stored.savedAt() > 0L ? Instant.ofEpochMilli(stored.savedAt()) : null);
        } catch (KeeperException.NoNodeException none) {
            return null;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot read the checkpoint of job '" + jobName + "' item " + item, ex);
        }
    }

    @Override
    public boolean clearCheckpoint(String jobName, int item) {
        String path = new JobNodePaths(jobName).full(JobNodePaths.itemCheckpoint(item));
        try {
            client().delete().forPath(path);
            return true;
        } catch (KeeperException.NoNodeException none) {
            return false;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot clear the checkpoint of job '" + jobName + "' item " + item, ex);
        }
    }

    /**
     * A server's node exists only to say it is disabled: disabling writes {@code DISABLED} (creating
     * the node), enabling deletes the node. Without a server, every server of the job: those with a
     * node and those its live instances run on.
     */
    private void setServers(String jobName, String serverIp, boolean disabled) {
        for (String job : jobs(jobName)) {
            JobNodePaths paths = new JobNodePaths(job);
            java.util.Set<String> servers = new java.util.TreeSet<>();
            if (serverIp == null) {
                servers.addAll(regCenter.getChildrenKeys(paths.full(JobNodePaths.SERVERS)));
                regCenter.getChildrenKeys(paths.full(JobNodePaths.INSTANCES)).forEach(each -> servers.add(new JobInstance(each).getServerIp()));
            } else {
                servers.add(serverIp);
            }
            if (servers.isEmpty()) {
                continue;
            }
            for (String server : servers) {
                if (disabled) {
                    regCenter.persist(paths.full(JobNodePaths.server(server)), JobNodePaths.DISABLED);
                } else {
                    regCenter.remove(paths.full(JobNodePaths.server(server)));
                }
            }
            requestResharding(paths);
        }
    }

    private void requestResharding(JobNodePaths paths) {
        try {
            ReshardingFlag.raise(client(), paths);
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot request resharding of job '" + paths.getJobName() + "'", ex);
        }
    }

    private void setIfExists(String path, String value) {
        CuratorFramework client = client();
        try {
            client.setData().forPath(path, value.getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException gone) {
            // the instance left meanwhile
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot write '" + path + "'", ex);
        }
    }

    private void removeTree(String path) {
        // instances that are shutting down may still remove their own nodes meanwhile
        for (int attempt = 0; ; attempt++) {
            try {
                client().delete().deletingChildrenIfNeeded().forPath(path);
                return;
            } catch (KeeperException.NoNodeException gone) {
                return;
            } catch (KeeperException.NotEmptyException raced) {
                if (attempt >= 5) {
                    throw new RegistryCenterException("Cannot remove '" + path + "': nodes keep appearing under it", raced);
                }
            } catch (Exception ex) {
                throw new RegistryCenterException("Cannot remove '" + path + "'", ex);
            }
        }
    }

    private List<String> jobs(String jobName) {
        return jobName == null ? new ArrayList<>(regCenter.getChildrenKeys("/")) : List.of(jobName);
    }
}
