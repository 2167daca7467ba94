package io.cronshard.internal.metrics;

import io.cronshard.internal.common.RateLimitedLog;
import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.events.FireState;
import io.cronshard.internal.events.FireStatusEvent;
import io.cronshard.internal.events.ItemExecutionEvent;
import io.cronshard.metrics.JobMetrics;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Passes one job instance's events on to the user's {@link JobMetrics}; its failures are logged and ignored. */
public final class MetricsObserver implements ExecutionObserver {

    private static final RateLimitedLog FAILURES = new RateLimitedLog(LoggerFactory.getLogger(MetricsObserver.class), 60_000L);

    private final JobMetrics metrics;

    /**
     * @param metrics the user's hook
     */
    public MetricsObserver(JobMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void fireStatusChanged(FireStatusEvent event) {
        try {
            if (event.state() == FireState.RUNNING) {
                metrics.fireStarted(event.jobName(), event.source().name(), event.items().size(), Duration.ofNanos(Math.max(0L, event.latencyNanos())));
            } else if ((event.state() == FireState.FINISHED || event.state() == FireState.ERROR) && event.durationNanos() >= 0L) {
                metrics.fireCompleted(event.jobName(), event.source().name(), event.state() == FireState.FINISHED,
                        Duration.ofNanos(event.durationNanos()));
            }
        } catch (RuntimeException | LinkageError ex) {
            FAILURES.warn("Job '{}': the JobMetrics {} failed: {}", event.jobName(), metrics, ex);
        }
    }

    @Override
    public void itemExecuted(ItemExecutionEvent event) {
        try {
            metrics.itemCompleted(event.jobName(), event.item(), event.source().name(), event.success(),
                    Duration.ofNanos(Math.max(0L, event.durationNanos())));
        } catch (RuntimeException | LinkageError ex) {
            FAILURES.warn("Job '{}': the JobMetrics {} failed: {}", event.jobName(), metrics, ex);
        }
    }

    @Override
    public String toString() {
        return "MetricsObserver{" + metrics + '}';
    }
}
