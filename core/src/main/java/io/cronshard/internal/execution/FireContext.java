package io.cronshard.internal.execution;

import io.cronshard.api.JobConfiguration;
import io.cronshard.executor.JobErrorHandler;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.listener.FireListeners;
import io.cronshard.internal.signals.JobSignals;
import io.cronshard.internal.signals.UsualDurations;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every fire of one job instance runs with.
 *
 * @param scope where the job instance lives
 * @param config the current configuration
 * @param lane the job's executor
 * @param errorHandler what a body's failure does
 * @param body the job's body
 * @param listeners called before and after each fire
 * @param mayStart false while new items must not start (no contact with ZooKeeper, shutting down)
 * @param running the items running here
 * @param timers the runtime's item timer: timeouts, overdue checks, waits between tries
 * @param signals where missed fires, retries and overdue items are reported
 * @param durations how long each item usually runs here
 * @param batcher sends the mark transactions of every job of the registry center together (group commit)
 */
public record FireContext(JobScope scope, Supplier<JobConfiguration> config, ExecutorService lane, JobErrorHandler errorHandler, ItemRunner body,
                          FireListeners listeners, BooleanSupplier mayStart, RunningItems running, ScheduledExecutorService timers,
                          JobSignals signals, UsualDurations durations, MultiBatcher batcher) {
}
