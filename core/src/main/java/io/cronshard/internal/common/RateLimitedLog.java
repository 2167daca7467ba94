package io.cronshard.internal.common;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a recurring problem at WARN at most once per interval, telling how many were left
 * unlogged since the last line, so that a database that stays down does not flood the log.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextNanos;
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param log where to log
     * @param intervalMillis at most one line per this many milliseconds
     */
    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.nextNanos = new AtomicLong(System.nanoTime());
    }

    /**
     * Logs at WARN unless a line was logged less than an interval ago (then at DEBUG).
     *
     * @param format an SLF4J format
     * @param args its arguments; a last {@link Throwable} is logged with its stack trace at DEBUG only
     */
    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            Object[] withoutCause = args;
            if (args.length > 0 && args[args.length - 1] instanceof Throwable cause) {
                withoutCause = args.clone();
                withoutCause[args.length - 1] = String.valueOf(cause);
                log.debug(format, args);
            }
            log.warn(format + (skipped > 0 ? " (" + skipped + " more like it not logged)" : ""), withoutCause);
        } else {
            suppressed.incrementAndGet();
            log.debug(format, args);
        }
    }
}
