package io.cronshard.internal.config;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.reg.RegistryCenterException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A job's configuration in ZooKeeper ({@code /{job}/config}, JSON): written at start-up with the
 * {@code overwrite} rule, then followed live from the cache.
 */
public final class ConfigurationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationService.class);

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private volatile JobConfiguration current;

    /**
     * @param client the registry's client
     * @param paths the job's paths
     */
    public ConfigurationService(CuratorFramework client, JobNodePaths paths) {
        this.client = client;
        this.paths = paths;
    }

    /**
     * Stores the local configuration or takes the stored one: with {@code overwrite}, or when none
     * is stored, the local one is written; otherwise the stored one wins. Two instances starting
     * at once agree: the second one's create fails and it reads the first one's.
     *
     * @param local the configuration given to the bootstrap (already validated)
     * @return the configuration the job runs with
     * @throws JobConfigurationException when the stored configuration is invalid
     */
    public JobConfiguration persistOrLoad(JobConfiguration local) {
        String path = paths.full(JobNodePaths.CONFIG);
        byte[] json = JobConfigurationJson.toJson(local).getBytes(StandardCharsets.UTF_8);
        try {
            if (local.isOverwrite()) {
                client.create().orSetData().creatingParentsIfNeeded().forPath(path, json);
                current = local;
                return local;
            }
            try {
                client.create().creatingParentsIfNeeded().forPath(path, json);
                current = local;
                return local;
            } catch (KeeperException.NodeExistsException alreadyStored) {
                String stored = new String(client.getData().forPath(path), StandardCharsets.UTF_8);
                JobConfiguration result = JobConfigurationJson.fromJson(stored);
                if (!result.equals(local)) {
                    LOG.info("Job '{}' runs with the configuration stored in ZooKeeper, not the local one (overwrite=false)",
                            paths.getJobName());
                }
                current = result;
                return result;
            }
        } catch (JobConfigurationException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new RegistryCenterException("Cannot store the configuration of job '" + paths.getJobName() + "'", ex);
        }
    }

    /** @return the configuration the job runs with now */
    public JobConfiguration current() {
        return current;
    }

    /**
     * Takes a configuration read from ZooKeeper; an invalid one is logged and ignored.
     *
     * @param json the stored JSON
     * @return the previous configuration when the new one differs, else null
     */
    public JobConfiguration update(String json) {
        if (json == null) {
            return null;
        }
        JobConfiguration parsed;
        try {
            parsed = JobConfigurationJson.fromJson(json);
        } catch (JobConfigurationException ex) {
            LOG.warn("Ignoring an invalid configuration of job '{}' in ZooKeeper: {}", paths.getJobName(), ex.getMessage());
            return null;
        }
        JobConfiguration previous = current;
        if (Objects.equals(previous, parsed)) {
            return null;
        }
        current = parsed;
        return previous;
    }
}
