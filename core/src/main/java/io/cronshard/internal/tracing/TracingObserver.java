package io.cronshard.internal.tracing;

import io.cronshard.internal.execution.ExecutionObserver;
import io.cronshard.internal.execution.FireStatusEvent;
import io.cronshard.internal.execution.ItemExecutionEvent;
import io.cronshard.tracing.TracingConfiguration;

import java.util.List;
import java.util.UUID;

import static io.cronshard.internal.tracing.TracingTables.cut;
import static io.cronshard.internal.tracing.TracingTables.cutMiddle;

/**
 * Event tracing of one job instance: turns its events into rows, cut to the columns, and queues
 * them on the configuration's {@link TracingStorage} without blocking.
 */
public final class TracingObserver implements ExecutionObserver {

    private final TracingConfiguration config;
    private final TracingStorage storage;

    /**
     * @param config where the rows go
     */
    public TracingObserver(TracingConfiguration config) {
        this.config = config;
        this.storage = TracingStorage.of(config);
    }

    @Override
    public void fireStatusChanged(FireStatusEvent event) {
        storage.offer(new StatusRow(UUID.randomUUID().toString(), cut(event.jobName(), TracingTables.JOB_NAME_LENGTH),
                cutMiddle(event.originalTaskId(), TracingTables.TASK_ID_LENGTH), cutMiddle(event.taskId(), TracingTables.TASK_ID_LENGTH),
                cut(event.instanceId(), TracingTables.INSTANCE_ID_LENGTH), cut(event.ip(), TracingTables.IP_LENGTH), event.source().name(),
                items(event.items()), event.state().name(), cut(event.message(), TracingTables.MESSAGE_LENGTH), event.timeMillis()));
    }

    @Override
    public void itemExecuted(ItemExecutionEvent event) {
        storage.offer(new ExecutionRow(UUID.randomUUID().toString(), cut(event.jobName(), TracingTables.JOB_NAME_LENGTH),
                cutMiddle(event.taskId(), TracingTables.TASK_ID_LENGTH), cut(event.ip(), TracingTables.IP_LENGTH),
                cut(event.instanceId(), TracingTables.INSTANCE_ID_LENGTH), event.item(), event.source().name(),
                event.success() ? null : TracingTables.failureCause(event.failure()), event.success(), event.startMillis(), event.endMillis()));
    }

    @Override
    public void flush(long timeoutMillis) {
        storage.flush(timeoutMillis);
    }

    private static String items(List<Integer> items) {
        StringBuilder result = new StringBuilder();
        for (Integer each : items) {
            if (result.length() > 0) {
                result.append(',');
            }
            result.append(each);
            if (result.length() > TracingTables.ITEMS_LENGTH) {
                break;
            }
        }
        if (result.length() > TracingTables.ITEMS_LENGTH) {
            String cut = result.substring(0, TracingTables.ITEMS_LENGTH - 3);
            return cut.substring(0, Math.max(0, cut.lastIndexOf(',') + 1)) + "...";
        }
        return result.toString();
    }

    @Override
    public String toString() {
        return "TracingObserver{" + config + '}';
    }
}
