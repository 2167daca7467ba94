package io.cronshard.internal.execution;

import io.cronshard.api.ShardingContext;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.ZooKeeper;

/**
 * Runs one try of the job's body for one started item, on the job's executor: registers the
 * thread (so that a lost session can interrupt it), times it ({@link TryWatch}: a timeout
 * interrupts it and makes the try fail), and answers the body's
 * {@link ShardingContext#isItemStillOwned()}. What follows a try — another one, the error handler —
 * is {@link ItemTries}' business.
 */
final class ItemBody {

    /**
     * How a try ended.
     *
     * @param ran whether the body ran (false when the instance may not start items now)
     * @param failure what it threw, or the timeout it ran past; null when it returned normally in time
     * @param millis how long it ran
     */
    record Try(boolean ran, Throwable failure, long millis) {
    }

    private final FireContext context;
    private final ExecutionSource source;
    private final FireTrace trace;

    ItemBody(FireContext context, ExecutionSource source, FireTrace trace) {
        this.context = context;
        this.source = source;
        this.trace = trace;
    }

    /**
     * Runs one try on this thread.
     *
     * @param item the item's context
     * @param tryNumber which try, from 1
     * @param watch times this try
     * @return how it ended
     */
    Try run(ShardingContext item, int tryNumber, TryWatch watch) {
        int number = item.getShardingItem();
        context.running().bodyStarted(number, Thread.currentThread());
        Throwable failure = null;
        long start = System.nanoTime();
        try {
            if (!context.mayStart().getAsBoolean()) {
                return new Try(false, null, 0L);
            }
            trace.itemStarted(number);
            watch.start(Thread.currentThread());
            context.body().run(item, context.config().get());
        } catch (Throwable cause) {
            failure = cause;
        } finally {
            watch.end();
            context.running().bodyEnded(number);
            Thread.interrupted();
        }
        if (watch.timedOut()) {
            failure = watch.timeout(failure);
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        trace.itemEnded(number, failure, tryNumber);
        return new Try(true, failure, millis);
    }

    /**
     * @param item an item of this fire
     * @param session the session the execution started in, null when it has none
     * @return {@link #stillOwned(int)}, and that session still alive. Once it has expired, the item's marks
     *         went with it and the item may run elsewhere (failed over), even after this instance registered
     *         again under a new session and was given the item back: the execution is a zombie's
     */
    boolean stillOwned(int item, ZooKeeper session) {
        return sessionAlive(session) && stillOwned(item);
    }

    /**
     * @param session the session an execution started in, null when it has none
     * @return false once it has expired or was closed (its handle is then closed for good)
     */
    static boolean sessionAlive(ZooKeeper session) {
        return session == null || session.getState().isAlive();
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
