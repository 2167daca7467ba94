package io.cronshard.internal.lifecycle;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.config.JobConfigurationJson;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;

/** Read-modify-write of one field of a job's stored configuration, at the version read. */
final class StoredConfiguration {

    private static final int ATTEMPTS = 5;

    private StoredConfiguration() {
    }

    /**
     * Sets the stored configuration's {@code disabled} flag; nothing is written when it already
     * has that value or the job has no configuration.
     *
     * @param client the registry's client
     * @param jobName the job
     * @param disabled the new value
     * @throws RegistryCenterException when ZooKeeper refuses, or the configuration keeps changing meanwhile
     */
    static void setDisabled(CuratorFramework client, String jobName, boolean disabled) {
        String path = new JobNodePaths(jobName).full(JobNodePaths.CONFIG);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Stat stat = new Stat();
                byte[] data;
                try {
                    data = client.getData().storingStatIn(stat).forPath(path);
                } catch (KeeperException.NoNodeException notAJob) {
                    return;
                }
                JobConfiguration stored = JobConfigurationJson.fromJson(jobName, new String(data, StandardCharsets.UTF_8));
                if (stored.isDisabled() == disabled) {
                    return;
                }
                byte[] changed = JobConfigurationJson.toJson(stored.toBuilder().disabled(disabled).build()).getBytes(StandardCharsets.UTF_8);
                try {
                    client.setData().withVersion(stat.getVersion()).forPath(path, changed);
                    return;
                } catch (KeeperException.BadVersionException raced) {
                    // changed meanwhile: read again
                }
            }
            throw new RegistryCenterException("The configuration of job '" + jobName + "' kept changing while it was "
                    + (disabled ? "disabled" : "enabled") + "; try again");
        } catch (RegistryCenterException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot " + (disabled ? "disable" : "enable") + " job '" + jobName + "'", ex);
        }
    }
}
