package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution of one started item, through all its tries: the first try on the job's executor;
 * after a failed try, while {@code itemRetries} allows and the item is still this instance's (and
 * the session the execution started in still lives: after it expired, the item may run elsewhere),
 * another one after a growing wait ({@link RetryBackoff}) — as the same execution: same task id,
 * same fencing token, its running mark kept, the item still reserved here (so a fire that comes
 * meanwhile is a missed one). No thread is held during the wait; the wait looks every second
 * whether the item is still owned and ends the execution at once when not (or when the instance
 * shuts down or loses its session). The error handler is called once, after the last try failed.
 */
final class ItemTries {

    private static final Logger LOG = LoggerFactory.getLogger(ItemTries.class);
    /** How often a wait between tries looks whether the item is still this instance's. */
    static final long OWNERSHIP_CHECK_MILLIS = 1_000L;

    private final FireContext context;
    private final ItemBody body;
    private final FireTrace trace;
    private final FireRecord record;
    private final MarkOps ops;
    private final ZooKeeper handle;
    private final ShardingContext item;
    private final Consumer<Boolean> done;
    private final int number;
    private int tryNumber;
    private Throwable lastFailure;
    private long retryAtNanos;
    private ScheduledFuture<?> wait;
    private boolean finished;

    /**
     * @param context the fire's context
     * @param body runs one try
     * @param trace the fire's trace
     * @param record the fire's record
     * @param ops builds mark operations
     * @param handle the session the item started in, null when it has none
     * @param item the item's context
     * @param done told once whether the execution succeeded, when it is over
     */
    ItemTries(FireContext context, ItemBody body, FireTrace trace, FireRecord record, MarkOps ops, ZooKeeper handle, ShardingContext item,
              Consumer<Boolean> done) {
        this.context = context;
        this.body = body;
        this.trace = trace;
        this.record = record;
        this.ops = ops;
        this.handle = handle;
        this.item = item;
        this.done = done;
        this.number = item.getShardingItem();
    }

    /** Hands the first try to the job's executor. */
    void start() {
        try {
            context.lane().execute(this::runTry);
        } catch (RejectedExecutionException ex) {
            LOG.warn("Job '{}' is shutting down: item {} is skipped", context.scope().jobName(), number);
            finish(false);
        }
    }

    private void runTry() {
        JobConfiguration config = context.config().get();
        int current;
        synchronized (this) {
            current = ++tryNumber;
        }
        long usual = config.getItemTimeoutMillis() > 0 ? -1L : context.durations().overdueAfterMillis(number);
        // a try queued or retried after the session the execution started in expired must not run: the item may run elsewhere now
        ItemBody.Try result = ItemBody.sessionAlive(handle)
                ? body.run(item, current, new TryWatch(context, ops, handle, number, config.getItemTimeoutMillis(), usual))
                : new ItemBody.Try(false, null, 0L);
        if (!result.ran()) {
            if (lastFailure == null) {
                finish(false);
            } else {
                failed(lastFailure);
            }
            return;
        }
        if (result.failure() == null) {
            context.durations().record(number, result.millis());
            finish(true);
            return;
        }
        lastFailure = result.failure();
        if (current > config.getItemRetries() || !body.stillOwned(number, handle)) {
            failed(lastFailure);
            return;
        }
        long delay = RetryBackoff.delayMillis(config.getItemRetryBackoffMillis(), current, ThreadLocalRandom.current()::nextDouble);
        LOG.debug("Job '{}' item {}: try {} failed; trying again in {} ms", context.scope().jobName(), number, current, delay);
        context.signals().itemRetried(number, current, Duration.ofMillis(delay));
        synchronized (this) {
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            context.running().waitingForRetry(number, this::wake);
            scheduleTick(Math.min(delay, OWNERSHIP_CHECK_MILLIS));
        }
    }

    /** On the item timer, every second of a wait and at its end. */
    private void tick() {
        long left;
        synchronized (this) {
            if (finished || wait == null) {
                return;
            }
            wait = null;
            left = TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime());
        }
        if (!body.stillOwned(number, handle)) {
            LOG.info("Job '{}' item {}: {} more tries cancelled: the item is no longer this instance's (re-split, disabled, shutting down, no"
                    + " contact with ZooKeeper or its session expired)", context.scope().jobName(), number, context.config().get().getItemRetries() + 1 - tryNumber);
            context.running().doneWaiting(number);
            onLane(() -> failed(lastFailure));
            return;
        }
        if (left > 0) {
            synchronized (this) {
                scheduleTick(Math.min(left, OWNERSHIP_CHECK_MILLIS));
            }
            return;
        }
        context.running().doneWaiting(number);
        try {
            context.lane().execute(this::runTry);
        } catch (RejectedExecutionException shutDown) {
            failed(lastFailure);
        }
    }

    /** Ends a wait now: shutting down or the session is lost. */
    private void wake() {
        synchronized (this) {
            if (wait == null || finished) {
                return;
            }
            wait.cancel(false);
            scheduleTick(0L);
        }
    }

    private void scheduleTick(long delayMillis) {
        try {
            wait = context.timers().schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            wait = null;
            context.running().doneWaiting(number);
            onLane(() -> failed(lastFailure));
        }
    }

    /** Runs user code (the error handler) on the job's executor rather than on the item timer. */
    private void onLane(Runnable task) {
        try {
            context.lane().execute(task);
        } catch (RejectedExecutionException shutDown) {
            task.run();
        }
    }

    /** The last try failed, or the tries were cut short: the error handler, once. */
    private void failed(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        record.failed(number);
        trace.itemFailed(number, failure);
        try {
            context.errorHandler().handleException(context.scope().jobName(), number, failure);
        } catch (RuntimeException rethrown) {
            LOG.error("Job '{}' item {} failed", context.scope().jobName(), number, rethrown);
        }
        done.accept(false);
    }

    private void finish(boolean success) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        done.accept(success);
    }
}
