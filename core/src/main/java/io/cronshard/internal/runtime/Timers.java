package io.cronshard.internal.runtime;

/** Repeating timers by key, as the shared scheduler runs them (and a test fakes them). */
public interface Timers {

    /**
     * Schedules (or replaces) a repeating timer, first run one interval from now.
     *
     * @param key unique key of the timer
     * @param intervalMillis the interval
     * @param task what it runs; must only dispatch
     */
    void scheduleInterval(String key, long intervalMillis, Runnable task);

    /**
     * Removes a timer; nothing happens when it is not scheduled.
     *
     * @param key the timer's key
     */
    void unschedule(String key);
}
