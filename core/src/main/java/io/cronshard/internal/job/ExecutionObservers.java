package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.metrics.MetricsObserver;
import io.cronshard.internal.tracing.TracingObserver;
import io.cronshard.metrics.JobMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the observer of a job instance from its local configuration: event tracing and metrics. */
final class ExecutionObservers {

    private ExecutionObservers() {
    }

    /**
     * @param local the configuration given to the bootstrap: tracing and metrics are never in the stored one
     * @param tracingWriter the runtime's tracing writer thread
     * @return the observer, {@link ExecutionObserver#NONE} when the job neither traces nor measures
     */
    static ExecutionObserver of(JobConfiguration local, ScheduledExecutorService tracingWriter) {
        List<ExecutionObserver> result = new ArrayList<>(2);
        if (local.getTracing() != null) {
            result.add(new TracingObserver(local.getTracing(), tracingWriter));
        }
        if (local.getMetrics() != null && local.getMetrics() != JobMetrics.NONE) {
            result.add(new MetricsObserver(local.getMetrics()));
        }
        return ExecutionObserver.compose(result);
    }
}
