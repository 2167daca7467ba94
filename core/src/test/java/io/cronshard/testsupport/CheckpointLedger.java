package io.cronshard.testsupport;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkpointing job bodies for the instances of one job, and what they saw and did, to check
 * across faults that no checkpoint was lost and none was overwritten by an instance that no longer
 * owned its item. Each try of a body reads its item's checkpoint, then works in steps, saving a
 * checkpoint after each and failing at random (so that the job's retries run) or stopping, by
 * throwing, when its item is no longer its own or it is interrupted.
 *
 * <p>A checkpoint is a {@link Mark}: the fencing token of the execution that saved it, then a number
 * that grows with every save of the item in the test. Executions of an item follow each other with
 * growing tokens, so the checkpoints of the item, in the order they are stored, grow as marks;
 * a save by an owner that has lost its item (a zombie) would store a smaller one after a larger.
 *
 * <p>{@link #assertNoLostCheckpoint} checks, per item and in time order: the saves that returned grow;
 * a try reads at least the last checkpoint saved (save returned) before it started — nothing only
 * when a run completed normally since (it cleared it, unless the job keeps checkpoints); and the
 * checkpoints successive tries read never go back. {@link #assertNoOverlap} checks that no two
 * tries of one item ran at once.
 */
public final class CheckpointLedger {

    /**
     * A checkpoint as these bodies write it, {@code token:number}.
     *
     * @param token the fencing token of the execution that saved it
     * @param number grows with every save of the item
     */
    public record Mark(long token, long number) implements Comparable<Mark> {

        private static final Comparator<Mark> ORDER = Comparator.comparingLong(Mark::token).thenComparingLong(Mark::number);

        /**
         * @param text a stored checkpoint, null for none
         * @return the mark, null for none
         */
        public static Mark parse(String text) {
            if (text == null) {
                return null;
            }
            int colon = text.indexOf(':');
            return new Mark(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        }

        @Override
        public int compareTo(Mark other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return token + ":" + number;
        }
    }

    /** One try of one item's body. */
    public static final class Try {
        final String instance;
        final int item;
        final String taskId;
        final long token;
        final long start = System.nanoTime();
        volatile long end;

        Try(String instance, ShardingContext context) {
            this.instance = instance;
            this.item = context.getShardingItem();
            this.taskId = context.getTaskId();
            this.token = context.getFencingToken();
        }

        @Override
        public String toString() {
            return instance + "#" + item + "(token " + token + ")[" + start / 1_000_000 + ".." + (end == 0 ? "" : end / 1_000_000) + " ms]";
        }
    }

    /** What a try did, in time order per item. */
    private record Event(Kind kind, int item, long nanos, Mark mark, Try by) {
    }

    private enum Kind { READ, SAVED, COMPLETED }

    private final int steps;
    private final long stepMillis;
    private final double failureRate;
    private final Map<Integer, AtomicLong> numbers = new ConcurrentHashMap<>();
    private final List<Try> tries = new CopyOnWriteArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Set<Mark> attempted = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param steps the steps of a body, each ending with a save
     * @param stepMillis how long a step works
     * @param failureRate the chance that a step fails after its save
     */
    public CheckpointLedger(int steps, long stepMillis, double failureRate) {
        this.steps = steps;
        this.stepMillis = stepMillis;
        this.failureRate = failureRate;
    }

    /**
     * @param instance a label for the instance
     * @return the body for that instance
     */
    public SimpleJob jobFor(String instance) {
        return context -> {
            Try run = new Try(instance, context);
            tries.add(run);
            int item = run.item;
            try {
                long readAt = System.nanoTime();
                Mark seen = Mark.parse(context.getCheckpoint());
                events.add(new Event(Kind.READ, item, readAt, seen, run));
                for (int step = 0; step < steps; step++) {
                    work(context);
                    Mark next = new Mark(run.token, numbers.computeIfAbsent(item, key -> new AtomicLong()).incrementAndGet());
                    attempted.add(next);
                    try {
                        context.saveCheckpoint(next.toString());
                    } catch (IllegalStateException notSaved) {
                        refused.incrementAndGet();
                        throw notSaved;
                    }
                    events.add(new Event(Kind.SAVED, item, System.nanoTime(), next, run));
                    if (ThreadLocalRandom.current().nextDouble() < failureRate) {
                        failed.incrementAndGet();
                        throw new IllegalStateException("a random failure after saving " + next);
                    }
                }
                events.add(new Event(Kind.COMPLETED, item, System.nanoTime(), null, run));
            } finally {
                run.end = System.nanoTime();
            }
        };
    }

    private void work(ShardingContext context) throws InterruptedException {
        long deadline = System.nanoTime() + stepMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (!context.isItemStillOwned()) {
                throw new IllegalStateException("item " + context.getShardingItem() + " is no longer this instance's: stopped");
            }
            Thread.sleep(10);
        }
    }

    /** @return every try so far */
    public List<Try> tries() {
        return new ArrayList<>(tries);
    }

    /** @return the items a try of which started at or after the given {@link System#nanoTime()} */
    public Set<Integer> itemsSince(long nanoTime) {
        Set<Integer> result = new HashSet<>();
        tries.stream().filter(each -> each.start >= nanoTime).forEach(each -> result.add(each.item));
        return result;
    }

    /** @return the items of which an execution completed normally at or after the given {@link System#nanoTime()} */
    public Set<Integer> completedSince(long nanoTime) {
        Set<Integer> result = new HashSet<>();
        events.stream().filter(each -> each.kind == Kind.COMPLETED && each.nanos >= nanoTime).forEach(each -> result.add(each.item));
        return result;
    }

    /** @return a line of counts for the log */
    public String summary() {
        long executions = tries.stream().map(each -> each.taskId + "/" + each.item).distinct().count();
        long found = events.stream().filter(each -> each.kind == Kind.READ && each.mark != null).count();
        long none = events.stream().filter(each -> each.kind == Kind.READ && each.mark == null).count();
        return tries.size() + " tries (" + (tries.size() - executions) + " retries), " + found + " reads found a checkpoint, " + none
                + " none, "
                + events.stream().filter(each -> each.kind == Kind.SAVED).count() + " checkpoints saved, " + refused.get()
                + " saves refused or failed, " + failed.get() + " random failures, "
                + events.stream().filter(each -> each.kind == Kind.COMPLETED).count() + " completed";
    }

    /** Fails when two tries of one item ran at once. */
    public void assertNoOverlap() {
        List<Try> list = tries();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Try a = list.get(i);
                Try b = list.get(j);
                long aEnd = a.end == 0 ? Long.MAX_VALUE : a.end;
                long bEnd = b.end == 0 ? Long.MAX_VALUE : b.end;
                if (a.item == b.item && a.start < bEnd && b.start < aEnd) {
                    throw new AssertionError("Item " + a.item + " ran twice at once: " + a + " and " + b);
                }
            }
        }
    }

    /**
     * Fails when a checkpoint was lost or overwritten by a non-owner (see the class comment).
     *
     * @param stored item → the checkpoint stored at the end, once every instance has stopped (a last read)
     */
    public void assertNoLostCheckpoint(Map<Integer, String> stored) {
        List<Event> all = new ArrayList<>(events);
        long now = System.nanoTime();
        stored.forEach((item, text) -> all.add(new Event(Kind.READ, item, now, Mark.parse(text), null)));
        all.sort(Comparator.comparingLong(Event::nanos));
        Set<Integer> items = new HashSet<>();
        all.forEach(each -> items.add(each.item));
        for (Integer item : items) {
            Event lastSave = null;
            Event lastRead = null; // the last read that found a checkpoint
            boolean completedSinceLastSave = false;
            for (Event each : all) {
                if (each.item != item) {
                    continue;
                }
                switch (each.kind) {
                    case SAVED -> {
                        if (lastSave != null && each.mark.compareTo(lastSave.mark) < 0) {
                            throw new AssertionError("Item " + item + ": saved " + each.mark + " by " + each.by + " after " + lastSave.mark
                                    + " by " + lastSave.by + ": a save by an instance that no longer owned the item went through");
                        }
                        lastSave = each;
                        completedSinceLastSave = false;
                    }
                    case COMPLETED -> completedSinceLastSave = true;
                    case READ -> {
                        String reader = each.by == null ? "the end" : each.by.toString();
                        if (each.mark == null) {
                            if (lastSave != null && !completedSinceLastSave) {
                                throw new AssertionError("Item " + item + ": " + reader + " found no checkpoint, but " + lastSave.mark
                                        + " was saved by " + lastSave.by + " and no run completed normally since: it was lost");
                            }
                        } else {
                            if (!attempted.contains(each.mark)) {
                                throw new AssertionError("Item " + item + ": " + reader + " read " + each.mark + ", which no body saved");
                            }
                            if (lastSave != null && each.mark.compareTo(lastSave.mark) < 0) {
                                throw new AssertionError("Item " + item + ": " + reader + " read " + each.mark + ", older than " + lastSave.mark
                                        + " saved before by " + lastSave.by + ": a newer checkpoint was lost or overwritten");
                            }
                            if (lastRead != null && each.mark.compareTo(lastRead.mark) < 0) {
                                throw new AssertionError("Item " + item + ": " + reader + " read " + each.mark + " after " + lastRead.by
                                        + " had read " + lastRead.mark + ": the checkpoint went back");
                            }
                            lastRead = each;
                        }
                    }
                    default -> throw new IllegalStateException(each.kind.name());
                }
            }
        }
    }
}
