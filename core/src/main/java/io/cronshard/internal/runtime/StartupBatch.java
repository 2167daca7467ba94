package io.cronshard.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Holds back the ZooKeeper writes of jobs being scheduled until the {@code schedule()} calls
 * pause, then sends them together. ZooKeeper answers a session's requests in order, so a
 * start's read would otherwise wait behind the previous job's writes (each one a disk sync on
 * the server); sent together, the writes share the server's syncs and the reads never wait.
 * A lone job waits {@value #SETTLE_MILLIS} ms; a long burst is flushed at least every
 * {@value #MAX_WAIT_MILLIS} ms. The timer is a trigger of the shared Quartz scheduler.
 */
final class StartupBatch {

    static final long SETTLE_MILLIS = 20L;
    static final long MAX_WAIT_MILLIS = 3_000L;
    private static final String KEY = "cronshard.startup-batch";
    private static final Logger LOG = LoggerFactory.getLogger(StartupBatch.class);

    private final QuartzTriggers scheduler;
    private final List<Runnable> queued = new ArrayList<>();
    private long firstAdded;
    private long lastAdded;
    private boolean armed;

    StartupBatch(QuartzTriggers scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param write sends a start's writes without waiting (runs on a Quartz dispatch thread)
     */
    synchronized void add(Runnable write) {
        long now = System.nanoTime();
        if (queued.isEmpty()) {
            firstAdded = now;
        }
        queued.add(write);
        lastAdded = now;
        if (!armed) {
            armed = true;
            scheduler.scheduleInterval(KEY, SETTLE_MILLIS, this::tick);
        }
    }

    private void tick() {
        List<Runnable> batch;
        synchronized (this) {
            long now = System.nanoTime();
            boolean settled = now - lastAdded >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
            boolean waitedLongEnough = now - firstAdded >= TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
            if (!settled && !waitedLongEnough) {
                return;
            }
            batch = new ArrayList<>(queued);
            queued.clear();
            scheduler.unschedule(KEY);
            armed = false;
        }
        for (Runnable each : batch) {
            try {
                each.run();
            } catch (RuntimeException ex) {
                LOG.error("Sending a job's start to ZooKeeper failed", ex);
            }
        }
    }
}
