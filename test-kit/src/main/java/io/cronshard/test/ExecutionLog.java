package io.cronshard.test;

import io.cronshard.metrics.JobMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every item execution of the instances a {@link CronshardTestContext} observes, in the order they ended. Waiters are
 * woken by each new execution, not by polling.
 */
final class ExecutionLog {

    private final List<ItemExecution> executions = new ArrayList<>();

    /**
     * @param delegate the job's own metrics hook, still called
     * @param instanceId the observed instance's id, asked when an item ends
     * @return a hook that records every item execution of the instance here, then calls the job's own
     */
    JobMetrics recorder(JobMetrics delegate, Supplier<String> instanceId) {
        return new Recorder(delegate, instanceId);
    }

    synchronized void add(ItemExecution execution) {
        executions.add(execution);
        notifyAll();
    }

    /** @return how many executions were recorded so far: a position to wait from */
    synchronized int size() {
        return executions.size();
    }

    synchronized List<ItemExecution> of(String jobName, int from) {
        return executions.subList(Math.min(from, executions.size()), executions.size()).stream()
                .filter(each -> each.jobName().equals(jobName)).toList();
    }

    /**
     * @return the job's executions from the position on once {@code until} accepts them, or null when the timeout passed first
     */
    synchronized List<ItemExecution> await(String jobName, int from, Predicate<List<ItemExecution>> until, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ItemExecution> current = of(jobName, from);
            if (until.test(current)) {
                return current;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Records item executions, then passes every signal on to the job's own hook. */
    private final class Recorder implements JobMetrics {

        private final JobMetrics delegate;
        private final Supplier<String> instanceId;

        Recorder(JobMetrics delegate, Supplier<String> instanceId) {
            this.delegate = delegate;
            this.instanceId = instanceId;
        }

        @Override
        public void itemCompleted(String jobName, int shardingItem, String executionSource, boolean success, Duration duration) {
            add(new ItemExecution(jobName, instanceId.get(), shardingItem, executionSource, success, duration, Instant.now()));
            delegate.itemCompleted(jobName, shardingItem, executionSource, success, duration);
        }

        @Override
        public void fireStarted(String jobName, String executionSource, int itemCount, Duration latency) {
            delegate.fireStarted(jobName, executionSource, itemCount, latency);
        }

        @Override
        public void fireCompleted(String jobName, String executionSource, boolean success, Duration duration) {
            delegate.fireCompleted(jobName, executionSource, success, duration);
        }

        @Override
        public void fireMissed(String jobName, String reason, int items) {
            delegate.fireMissed(jobName, reason, items);
        }

        @Override
        public void itemOverdue(String jobName, int shardingItem, Duration runningFor) {
            delegate.itemOverdue(jobName, shardingItem, runningFor);
        }

        @Override
        public void itemUnowned(String jobName, int shardingItem, Duration unownedFor) {
            delegate.itemUnowned(jobName, shardingItem, unownedFor);
        }

        @Override
        public void itemRetried(String jobName, int shardingItem, int failedTry, Duration backoff) {
            delegate.itemRetried(jobName, shardingItem, failedTry, backoff);
        }

        @Override
        public String toString() {
            return "CronshardTestRecorder{" + delegate + '}';
        }
    }
}
