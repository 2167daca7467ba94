package io.cronshard.internal.fire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The items that missed a fire while they still ran, remembered here to run once more as soon as
 * they end: when their own fire here ends, or when the {@code running} mark of their previous owner
 * disappears. Any number of missed fires make one extra run. Only this instance's memory: the
 * {@code misfire} mark in ZooKeeper is what others see.
 */
final class MisfireBook {

    private final Set<Integer> missed = new TreeSet<>();

    /**
     * @param items items that missed a fire
     */
    public synchronized void remember(Collection<Integer> items) {
        missed.addAll(items);
    }

    /** @return the remembered items */
    public synchronized Set<Integer> remembered() {
        return new TreeSet<>(missed);
    }

    /**
     * Takes the remembered items among the ones whose fire just ended here, when this instance
     * still owns them.
     *
     * @param ended the items of a fire that ended
     * @param owned whether this instance owns an item now
     * @return the items to run once more, removed from the book
     */
    public synchronized List<Integer> takeEnded(Collection<Integer> ended, IntPredicate owned) {
        List<Integer> result = new ArrayList<>();
        for (Integer item : ended) {
            if (missed.contains(item) && owned.test(item)) {
                missed.remove(item);
                result.add(item);
            }
        }
        return result;
    }

    /**
     * A {@code running} mark disappeared: takes the item when it is remembered, does not run here
     * and is owned here (it missed a fire while its previous owner still ran it).
     *
     * @param item the item
     * @param runningHere whether it runs on this instance
     * @param owned whether this instance owns it now
     * @return whether to run it now
     */
    public synchronized boolean takeReleased(int item, boolean runningHere, boolean owned) {
        boolean result = !runningHere && owned && missed.contains(item);
        if (result) {
            missed.remove(item);
        }
        return result;
    }
}
