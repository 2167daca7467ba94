package io.cronshard.internal.execution;

import io.cronshard.internal.events.ExecutionSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/** What one fire that started items here did: when, why, which items, which failed. */
public final class FireRecord {

    private final Instant startTime = Instant.now();
    private final ExecutionSource source;
    private final List<Integer> items;
    private final Set<Integer> failed = new ConcurrentSkipListSet<>();
    private volatile Instant endTime;

    FireRecord(ExecutionSource source, List<Integer> items) {
        this.source = source;
        this.items = List.copyOf(new TreeSet<>(items));
    }

    void failed(int item) {
        failed.add(item);
    }

    void ended() {
        endTime = Instant.now();
    }

    /** @return when its items were dispatched */
    public Instant startTime() {
        return startTime;
    }

    /** @return when its last item ended, null while it runs */
    public Instant endTime() {
        return endTime;
    }

    /** @return why it ran */
    public ExecutionSource source() {
        return source;
    }

    /** @return its items, ascending */
    public List<Integer> items() {
        return items;
    }

    /** @return the items whose body threw, ascending */
    public List<Integer> failedItems() {
        return List.copyOf(failed);
    }
}
