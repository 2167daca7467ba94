package io.cronshard.internal.execution;

import io.cronshard.api.ShardingContext;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.storage.JobNodePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job's body for one started item of a fire, on the job's executor: registers the thread
 * (so that a lost session can interrupt it), hands a failure to the job's error handler, and
 * answers the body's {@link ShardingContext#isItemStillOwned()}.
 */
final class ItemBody {

    private static final Logger LOG = LoggerFactory.getLogger(ItemBody.class);

    private final FireContext context;
    private final ExecutionSource source;
    private final FireTrace trace;
    private final FireRecord record;

    ItemBody(FireContext context, ExecutionSource source, FireTrace trace, FireRecord record) {
        this.context = context;
        this.source = source;
        this.trace = trace;
        this.record = record;
    }

    void run(ShardingContext item) {
        int number = item.getShardingItem();
        context.running().bodyStarted(number, Thread.currentThread());
        Throwable failure = null;
        try {
            if (!context.mayStart().getAsBoolean()) {
                return;
            }
            trace.itemStarted(number);
            context.body().run(item, context.config().get());
        } catch (Throwable cause) {
            failure = cause;
            record.failed(number);
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            try {
                context.errorHandler().handleException(context.scope().jobName(), number, cause);
            } catch (RuntimeException rethrown) {
                LOG.error("Job '{}' item {} failed", context.scope().jobName(), number, rethrown);
            }
        } finally {
            context.running().bodyEnded(number);
            trace.itemEnded(number, failure);
            Thread.interrupted();
        }
    }

    /**
     * @param item an item of this fire
     * @return whether this instance may still run it: in contact with ZooKeeper, not shutting down,
     *         the job and the item enabled, and the item still this instance's
     */
    boolean stillOwned(int item) {
        if (!context.mayStart().getAsBoolean() || context.config().get().isDisabled()
                || context.scope().cache().exists(JobNodePaths.itemDisabled(item))) {
            return false;
        }
        if (source == ExecutionSource.FAILOVER) {
            String claimant = context.scope().cache().getData(JobNodePaths.itemFailover(item));
            return claimant == null || claimant.equals(context.scope().instanceId());
        }
        return context.scope().ownsItem(item);
    }
}
