package io.cronshard.api.listener;

/**
 * A listener called once per fire across all instances of a job, not once per instance: the
 * last instance to start its items calls {@link #doBeforeJobExecutedAtLastStarted}, the last to
 * complete them calls {@link #doAfterJobExecutedAtLastCompleted}. Every instance records its
 * items under the job's {@code guarantee/started} and {@code guarantee/completed} nodes; the
 * instance whose transaction removes a complete set is the one that calls, so two instances can
 * never both call for one fire.
 *
 * <p>The other instances wait, before starting their items, until the last one has started
 * (at most {@code startedTimeoutMillis}), and, after completing them, until the last one has
 * completed (at most {@code completedTimeoutMillis}); an instance that runs no item of a fire
 * does not wait at all. When a set never completes (an item is disabled, or its owner died
 * mid-fire), the callback of that fire is skipped after the timeout, with a warning.
 *
 * <p>Pass an instance to the bootstrap like any {@link JobListener}. The runtime calls the
 * {@code do…} methods; {@link #beforeJobExecuted} and {@link #afterJobExecuted} of this class do
 * nothing.
 */
public abstract class AbstractDistributeOnceJobListener implements JobListener {

    private final long startedTimeoutMillis;
    private final long completedTimeoutMillis;

    /**
     * @param startedTimeoutMillis the longest wait for every instance to start its items (more than 0)
     * @param completedTimeoutMillis the longest wait for every instance to complete its items (more than 0)
     */
    protected AbstractDistributeOnceJobListener(long startedTimeoutMillis, long completedTimeoutMillis) {
        if (startedTimeoutMillis <= 0 || completedTimeoutMillis <= 0) {
            throw new IllegalArgumentException("startedTimeoutMillis and completedTimeoutMillis must be more than 0, not "
                    + startedTimeoutMillis + " and " + completedTimeoutMillis);
        }
        this.startedTimeoutMillis = startedTimeoutMillis;
        this.completedTimeoutMillis = completedTimeoutMillis;
    }

    /** @return the longest wait for every instance to start its items */
    public final long getStartedTimeoutMillis() {
        return startedTimeoutMillis;
    }

    /** @return the longest wait for every instance to complete its items */
    public final long getCompletedTimeoutMillis() {
        return completedTimeoutMillis;
    }

    @Override
    public final void beforeJobExecuted(ShardingContexts shardingContexts) {
        // the runtime calls doBeforeJobExecutedAtLastStarted through the guarantee nodes
    }

    @Override
    public final void afterJobExecuted(ShardingContexts shardingContexts) {
        // the runtime calls doAfterJobExecutedAtLastCompleted through the guarantee nodes
    }

    /**
     * Called once per fire, on the instance that started the fire's last items, before they run.
     *
     * @param shardingContexts that instance's items of the fire
     */
    public abstract void doBeforeJobExecutedAtLastStarted(ShardingContexts shardingContexts);

    /**
     * Called once per fire, on the instance that completed the fire's last items.
     *
     * @param shardingContexts that instance's items of the fire
     */
    public abstract void doAfterJobExecutedAtLastCompleted(ShardingContexts shardingContexts);
}
