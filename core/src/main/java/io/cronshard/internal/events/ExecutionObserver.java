package io.cronshard.internal.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sees the fires and item executions of one job instance: the seam event tracing and metrics
 * hang on. Item events come on the job's executor threads; a fire's states may also come on the
 * thread that decided the fire (a scheduler thread) or on the one that heard ZooKeeper's answer, so
 * an observer must hand off quickly: no I/O, no locks held long, no waiting. A call that throws is
 * logged and ignored; it never fails or delays the fire beyond its own run time.
 */
public interface ExecutionObserver {

    /** Observes nothing; the runtime skips all tracing work for it. */
    ExecutionObserver NONE = new ExecutionObserver() {
        @Override
        public void fireStatusChanged(FireStatusEvent event) {
        }

        @Override
        public void itemExecuted(ItemExecutionEvent event) {
        }

        @Override
        public String toString() {
            return "ExecutionObserver.NONE";
        }
    };

    /**
     * A fire changed state: STAGING, then RUNNING when its first item starts, then FINISHED or
     * ERROR once every item ended; a fire whose items could not start goes from STAGING to
     * FINISHED or ERROR directly.
     *
     * @param event what changed
     */
    void fireStatusChanged(FireStatusEvent event);

    /**
     * An item's body ended (well or not). Called on the thread that ran it, before the fire ends.
     *
     * @param event the execution
     */
    void itemExecuted(ItemExecutionEvent event);

    /**
     * Gives what was handed off a chance to be stored before the instance stops. Called once at
     * shutdown, after the last item ended.
     *
     * @param timeoutMillis the longest wait
     */
    default void flush(long timeoutMillis) {
    }

    /**
     * @param observers observers, NONE ones left out
     * @return one observer calling each in order (each guarded), or NONE when there is none
     */
    static ExecutionObserver compose(List<ExecutionObserver> observers) {
        List<ExecutionObserver> active = observers.stream().filter(each -> each != null && each != NONE).toList();
        if (active.isEmpty()) {
            return NONE;
        }
        if (active.size() == 1) {
            return active.get(0);
        }
        Logger log = LoggerFactory.getLogger(ExecutionObserver.class);
        return new ExecutionObserver() {
            @Override
            public void fireStatusChanged(FireStatusEvent event) {
                for (ExecutionObserver each : active) {
                    try {
                        each.fireStatusChanged(event);
                    } catch (RuntimeException ex) {
                        log.debug("Observer {} failed on {}", each, event, ex);
                    }
                }
            }

            @Override
            public void itemExecuted(ItemExecutionEvent event) {
                for (ExecutionObserver each : active) {
                    try {
                        each.itemExecuted(event);
                    } catch (RuntimeException ex) {
                        log.debug("Observer {} failed on {}", each, event, ex);
                    }
                }
            }

            @Override
            public void flush(long timeoutMillis) {
                long deadline = System.currentTimeMillis() + timeoutMillis;
                for (ExecutionObserver each : active) {
                    try {
                        each.flush(Math.max(0L, deadline - System.currentTimeMillis()));
                    } catch (RuntimeException ex) {
                        log.debug("Observer {} failed to flush", each, ex);
                    }
                }
            }

            @Override
            public String toString() {
                return "ExecutionObserver" + active;
            }
        };
    }
}
