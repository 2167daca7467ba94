package io.cronshard.internal.config;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.cache.CacheListener;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.cache.ChangeType;
import io.cronshard.internal.storage.JobNodePaths;

import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows the job's {@code config} node: a changed configuration is read (and checked, an invalid
 * one ignored and logged by the {@link ConfigurationService}) on the job's coordination executor and
 * reported with the previous one; the node deleted by an operator is reported too.
 */
public final class ConfigurationWatcher implements CacheListener {

    /** What a job instance does about its configuration. */
    public interface Reactions {

        /**
         * The configuration changed.
         *
         * @param previous what it was
         * @param current what it is now
         */
        void changed(JobConfiguration previous, JobConfiguration current);

        /** The job's configuration was deleted: an operator removed the job. */
        void removed();
    }

    private final ConfigurationService service;
    private final Consumer<JobConfiguration> check;
    private final Executor coordination;
    private final BooleanSupplier connected;
    private final Reactions reactions;

    /**
     * @param service holds the configuration
     * @param check refuses a configuration this instance cannot run (by throwing)
     * @param coordination the job's serial coordination executor
     * @param connected whether this instance is in contact with ZooKeeper (a deletion seen by a reload after an outage is not an operator's)
     * @param reactions what to do
     */
    public ConfigurationWatcher(ConfigurationService service, Consumer<JobConfiguration> check, Executor coordination,
                                BooleanSupplier connected, Reactions reactions) {
        this.service = service;
        this.check = check;
        this.coordination = coordination;
        this.connected = connected;
        this.reactions = reactions;
    }

    /** @return which cache paths this part follows */
    public static boolean follows(String relative) {
        return relative.equals(JobNodePaths.CONFIG);
    }

    @Override
    public void nodeChanged(ChangeType type, String relative, CachedNode node, long zxid) {
        if (type != ChangeType.DELETED) {
            String json = node.getData();
            coordination.execute(() -> {
                JobConfiguration previous = service.update(json, check);
                if (previous != null) {
                    reactions.changed(previous, service.current());
                }
            });
        } else if (zxid > 0 && connected.getAsBoolean()) {
            reactions.removed();
        }
    }
}
