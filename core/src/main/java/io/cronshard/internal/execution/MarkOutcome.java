package io.cronshard.internal.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a start or a claim did: the items that started (with their fencing tokens) and why the others did not. */
final class MarkOutcome {

    private final Map<Integer, Long> started = new LinkedHashMap<>();
    private final Set<Integer> runningElsewhere = new TreeSet<>();
    private final Set<Integer> changedHands = new TreeSet<>();
    private Exception failure;

    synchronized void started(int item, long token) {
        started.put(item, token);
    }

    synchronized void runningElsewhere(int item) {
        runningElsewhere.add(item);
    }

    synchronized void changedHands(int item) {
        changedHands.add(item);
    }

    synchronized void failed(Exception cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** @return item → fencing token of the items that started, in the order they were sent */
    synchronized Map<Integer, Long> started() {
        return new LinkedHashMap<>(started);
    }

    /** @return the items that did not start because their {@code running} mark exists (they run elsewhere) */
    synchronized List<Integer> runningElsewhere() {
        return new ArrayList<>(runningElsewhere);
    }

    /** @return why items could not be marked at all (the connection, the session), null when ZooKeeper answered */
    synchronized Exception failure() {
        return failure;
    }
}
