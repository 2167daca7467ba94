package io.cronshard.internal.config;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
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
     * Chooses the configuration to run with, by the {@code overwrite} rule: with
     * {@code overwrite}, or when none is stored, the local one; otherwise the stored one.
     *
     * @param local the configuration given to the bootstrap (already validated)
     * @param storedJson what {@code config} holds, null when absent
     * @return the configuration the job will run with
     * @throws JobConfigurationException when the stored configuration wins and is invalid
     */
    public JobConfiguration choose(JobConfiguration local, String storedJson) {
        if (local.isOverwrite() || storedJson == null) {
            return local;
        }
        return JobConfigurationJson.fromJson(paths.getJobName(), storedJson);
    }

    /**
     * @param local the configuration given to the bootstrap
     * @param storedJson what {@code config} holds, null when absent
     * @return the JSON to write to {@code config}, or null when what is stored stays
     */
    public byte[] toWrite(JobConfiguration local, String storedJson) {
        if (storedJson != null && !local.isOverwrite()) {
            return null;
        }
        String json = JobConfigurationJson.toJson(local);
        return json.equals(storedJson) ? null : json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Takes the chosen configuration as the current one once it is stored.
     *
     * @param chosen what {@link #choose} returned
     * @param local the configuration given to the bootstrap
     */
    public void adopt(JobConfiguration chosen, JobConfiguration local) {
        if (!chosen.equals(local)) {
            LOG.info("Job '{}' runs with the configuration stored in ZooKeeper, not the local one (overwrite=false)", paths.getJobName());
        }
        current = chosen;
    }

    /** @return the configuration the job runs with now */
    public JobConfiguration current() {
        return current;
    }

    /**
     * Takes a configuration read from ZooKeeper; an invalid one (by the builder's rules, or
     * refused by {@code check}, e.g. the job type's properties) is logged and ignored.
     *
     * @param json the stored JSON
     * @param check refuses a configuration this instance cannot run, by throwing {@link JobConfigurationException}
     * @return the previous configuration when the new one differs, else null
     */
    public JobConfiguration update(String json, java.util.function.Consumer<JobConfiguration> check) {
        if (json == null) {
            return null;
        }
        JobConfiguration parsed;
        try {
            parsed = JobConfigurationJson.fromJson(paths.getJobName(), json);
            check.accept(parsed);
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
