package io.cronshard.internal.listener;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.listener.AbstractDistributeOnceJobListener;
import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.api.listener.TypedJobListener;
import io.cronshard.internal.common.Types;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.TransactionBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A job's listeners, called around each fire on the job's executor: the bootstrap's and those
 * named by {@code jobListenerTypes}, in that order. Distribute-once listeners go through the
 * {@link Guarantee}. A listener's exception is logged and never stops the fire.
 */
public final class FireListeners {

    private static final Logger LOG = LoggerFactory.getLogger(FireListeners.class);

    private final String jobName;
    private final List<JobListener> listeners;
    private final Guarantee guarantee;

    /**
     * @param scope where the job instance lives
     * @param given the bootstrap's listeners
     * @param types listener type names from the configuration
     */
    public FireListeners(JobScope scope, List<JobListener> given, List<String> types) {
        this.jobName = scope.jobName();
        List<JobListener> all = new ArrayList<>(given);
        for (String type : types) {
            all.add(Types.require(TypedJobListener.class, type, "jobListenerTypes"));
        }
        this.listeners = List.copyOf(all);
        this.guarantee = all.stream().anyMatch(AbstractDistributeOnceJobListener.class::isInstance) ? new Guarantee(scope) : null;
    }

    /**
     * Refuses, before anything is written, a job with a distribute-once listener and more items
     * than one transaction can record or remove as a set (their callback's "exactly once" rests
     * on that transaction).
     *
     * @param given the bootstrap's listeners
     * @param config the configuration the job would run with
     * @param namespacedJobRoot the job's root with the namespace, e.g. {@code /ns/job}
     * @throws JobConfigurationException naming the item count and the limit
     */
    public static void requireFits(List<JobListener> given, JobConfiguration config, String namespacedJobRoot) {
        boolean distributeOnce = given.stream().anyMatch(AbstractDistributeOnceJobListener.class::isInstance)
                || config.getJobListenerTypes().stream().anyMatch(type ->
                Types.require(TypedJobListener.class, type, "jobListenerTypes") instanceof AbstractDistributeOnceJobListener);
        if (!distributeOnce) {
            return;
        }
        int max = Guarantee.maxItems(namespacedJobRoot, config.getShardingTotalCount());
        if (config.getShardingTotalCount() > max) {
            throw JobConfigurationException.invalid("shardingTotalCount", config.getShardingTotalCount(),
                    "a job with a distribute-once listener may have at most " + max + " items here: the set of a fire's items is"
                            + " recorded and removed in one ZooKeeper transaction, which must stay within "
                            + TransactionBudget.MAX_TRANSACTION_BYTES + " bytes");
        }
    }

    /** @return whether the job has no listener at all: then nothing around a fire can block */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /**
     * Before a fire's items start here.
     *
     * @param contexts the fire's items on this instance
     * @param expectedItems how many items the fire has across all instances (its enabled items);
     *                      counted only when a distribute-once listener needs it
     */
    public void before(ShardingContexts contexts, IntSupplier expectedItems) {
        for (JobListener each : listeners) {
            try {
                if (each instanceof AbstractDistributeOnceJobListener once) {
                    if (guarantee.lastToArrive(Guarantee.STARTED, contexts, expectedItems.getAsInt(), once.getStartedTimeoutMillis())) {
                        once.doBeforeJobExecutedAtLastStarted(contexts);
                    }
                } else {
                    each.beforeJobExecuted(contexts);
                }
            } catch (RuntimeException ex) {
                LOG.warn("Listener {} of job '{}' failed before the fire", each.getClass().getName(), jobName, ex);
            }
        }
    }

    /**
     * After a fire's items ended here.
     *
     * @param contexts the fire's items on this instance
     * @param expectedItems how many items the fire has across all instances; counted only when needed
     */
    public void after(ShardingContexts contexts, IntSupplier expectedItems) {
        for (JobListener each : listeners) {
            try {
                if (each instanceof AbstractDistributeOnceJobListener once) {
                    if (guarantee.lastToArrive(Guarantee.COMPLETED, contexts, expectedItems.getAsInt(), once.getCompletedTimeoutMillis())) {
                        once.doAfterJobExecutedAtLastCompleted(contexts);
                    }
                } else {
                    each.afterJobExecuted(contexts);
                }
            } catch (RuntimeException ex) {
                LOG.warn("Listener {} of job '{}' failed after the fire", each.getClass().getName(), jobName, ex);
            }
        }
    }
}
