package io.cronshard.internal.tracing;

import io.cronshard.internal.events.ExecutionObserver;
import io.cronshard.internal.events.FireStatusEvent;
import io.cronshard.internal.events.ItemExecutionEvent;
import io.cronshard.tracing.JobExecutionRecord;
import io.cronshard.tracing.JobStatusTraceRecord;
import io.cronshard.tracing.TracingConfiguration;
import io.cronshard.tracing.TracingQueue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Event tracing of one job instance: turns its events into rows and offers them, without
 * blocking, to the configuration's {@link TracingQueue}, written by the runtime's writer thread.
 */
public final class TracingObserver implements ExecutionObserver {

    /** Item lists longer than this are cut before they are queued (the column holds less). */
    private static final int ITEMS_KEPT = 8_000;

    private final TracingConfiguration config;
    private final TracingQueue queue;
    private final ScheduledExecutorService writer;

    /**
     * @param config where the rows go
     * @param writer the runtime's tracing writer thread
     */
    public TracingObserver(TracingConfiguration config, ScheduledExecutorService writer) {
        this.config = config;
        this.queue = config.getQueue();
        this.writer = writer;
    }

    @Override
    public void fireStatusChanged(FireStatusEvent event) {
        queue.offer(new JobStatusTraceRecord(UUID.randomUUID().toString(), event.jobName(), event.originalTaskId(), event.taskId(),
                event.instanceId(), event.ip(), event.source().name(), items(event.items()), event.state().name(), event.message(),
                Instant.ofEpochMilli(event.timeMillis())), writer);
    }

    @Override
    public void itemExecuted(ItemExecutionEvent event) {
        queue.offer(new JobExecutionRecord(UUID.randomUUID().toString(), event.jobName(), event.taskId(), null, event.ip(),
                event.instanceId(), event.item(), event.source().name(),
                event.success() ? null : TracingQueue.failureCause(event.failure()), event.success(),
                Instant.ofEpochMilli(event.startMillis()), Instant.ofEpochMilli(event.endMillis()), event.tryNumber()), writer);
    }

    @Override
    public void flush(long timeoutMillis) {
        queue.flush(timeoutMillis);
    }

    private static String items(List<Integer> items) {
        StringBuilder result = new StringBuilder();
        for (Integer each : items) {
            if (result.length() > ITEMS_KEPT) {
                break;
            }
            result.append(result.length() == 0 ? "" : ",").append(each);
        }
        return result.toString();
    }

    @Override
    public String toString() {
        return "TracingObserver{" + config + '}';
    }
}
