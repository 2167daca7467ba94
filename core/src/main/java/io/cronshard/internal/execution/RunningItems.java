package io.cronshard.internal.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The items running on this instance, from the moment a fire decides to start them until its
 * last item has ended and its marks are cleared, the threads their bodies run on (to interrupt
 * them), and the fires under way (to wait for them at shutdown). One monitor guards it all.
 */
public final class RunningItems {

    private static final Logger LOG = LoggerFactory.getLogger(RunningItems.class);

    private final String jobName;
    private final Set<Integer> running = new HashSet<>();
    private final Set<Integer> failingOver = new HashSet<>();
    private final Map<Integer, Thread> bodies = new HashMap<>();
    private final Map<Integer, Runnable> waitingTries = new HashMap<>();
    private int activeFires;

    /**
     * @param jobName the job, for log lines
     */
    public RunningItems(String jobName) {
        this.jobName = jobName;
    }

    /**
     * Takes the items that do not run here yet, atomically, as one new fire.
     *
     * @param items candidates
     * @param failover whether the fire runs failed-over items
     * @return the items taken; no fire is counted when none is
     */
    public synchronized List<Integer> reserve(Collection<Integer> items, boolean failover) {
        List<Integer> result = new ArrayList<>(items.size());
        for (Integer item : items) {
            if (running.add(item)) {
                result.add(item);
            }
        }
        if (failover) {
            failingOver.addAll(result);
        }
        if (!result.isEmpty()) {
            activeFires++;
        }
        return result;
    }

    /**
     * Gives items back (they did not start, or their fire ended).
     *
     * @param items the items
     */
    public synchronized void release(Collection<Integer> items) {
        running.removeAll(items);
        failingOver.removeAll(items);
    }

    /** A fire taken by {@link #reserve} is over. */
    public synchronized void fireEnded() {
        activeFires--;
        notifyAll();
    }

    /**
     * @param item an item
     * @return whether it runs here
     */
    public synchronized boolean isRunning(int item) {
        return running.contains(item);
    }

    /**
     * @param item an item
     * @return whether it runs here by failover
     */
    public synchronized boolean isFailingOver(int item) {
        return failingOver.contains(item);
    }

    /** @return the items running here, ascending */
    public synchronized List<Integer> snapshot() {
        return new ArrayList<>(new TreeSet<>(running));
    }

    synchronized void bodyStarted(int item, Thread thread) {
        bodies.put(item, thread);
    }

    synchronized void bodyEnded(int item) {
        bodies.remove(item);
    }

    synchronized void waitingForRetry(int item, Runnable wake) {
        waitingTries.put(item, wake);
    }

    synchronized void doneWaiting(int item) {
        waitingTries.remove(item);
    }

    /**
     * Ends the waits of items between two tries at once (shutting down, or the session is lost): each
     * looks whether it may still run, and ends its execution when not.
     */
    public void wakeWaitingTries() {
        List<Runnable> wakes;
        synchronized (this) {
            wakes = new ArrayList<>(waitingTries.values());
        }
        wakes.forEach(Runnable::run);
    }

    /**
     * Interrupts every body running here (the session is lost, or may be expired soon). Bodies that
     * honour interruption stop; the others run on, and {@code isItemStillOwned()} tells them to stop.
     */
    public void interruptBodies() {
        synchronized (this) {
            if (!bodies.isEmpty()) {
                LOG.warn("Job '{}': interrupting items {}: this instance lost contact with ZooKeeper", jobName, new TreeSet<>(bodies.keySet()));
                bodies.values().forEach(Thread::interrupt);
            }
        }
        wakeWaitingTries();
    }

    /** @return whether no fire is under way */
    public synchronized boolean isIdle() {
        return activeFires == 0;
    }

    /**
     * Waits until every fire under way has ended.
     *
     * @param timeoutMillis the longest wait
     * @return whether all ended in time
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (activeFires > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
