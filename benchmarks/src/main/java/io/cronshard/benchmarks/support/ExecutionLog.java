package io.cronshard.benchmarks.support;

import io.cronshard.api.ShardingContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Every item start seen by the jobs of a scenario: which item, on which instance, why, and when
 * the body began. Bodies call {@link #record} first thing, so the time is the body's start.
 */
public final class ExecutionLog {

    /**
     * One body start.
     *
     * @param item the sharding item
     * @param instance the instance id from the task id
     * @param source NORMAL, MISFIRE, FAILOVER or MANUAL, from the task id
     * @param at when the body began (microsecond clock where the platform has one)
     * @param job the job's name
     */
    public record Start(int item, String instance, String source, Instant at, String job) {

        /** @return the epoch second the start falls in: for a cron firing every second, the fire it belongs to */
        public long second() {
            return at.getEpochSecond();
        }

        /** @return microseconds from the start of that second to the body's start: the trigger latency of a per-second cron */
        public long microsIntoSecond() {
            return at.getNano() / 1_000L;
        }
    }

    private final Queue<Start> starts = new ConcurrentLinkedQueue<>();

    /**
     * Records a body start. The task id reads {@code job@-@items@-@SOURCE@-@instance@-@random}.
     *
     * @param context the item's context
     */
    public void record(ShardingContext context) {
        Instant now = Instant.now();
        String[] parts = context.getTaskId().split("@-@");
        String instance = parts.length >= 5 ? String.join("@-@", java.util.Arrays.copyOfRange(parts, 3, parts.length - 1)) : "?";
        String source = parts.length >= 3 ? parts[2] : "?";
        starts.add(new Start(context.getShardingItem(), instance, source, now, context.getJobName()));
    }

    /** @return every start so far, in no particular order */
    public List<Start> all() {
        return new ArrayList<>(starts);
    }

    /**
     * @param filter which starts
     * @return those starts
     */
    public List<Start> matching(Predicate<Start> filter) {
        return starts.stream().filter(filter).toList();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        starts.clear();
    }

    /**
     * Counts, for every second of {@code [fromSecond, toSecond)} and every item, the cron
     * (NORMAL and MISFIRE) starts: an item that did not run in a second is a gap, an item that ran
     * more than once is a duplicate.
     *
     * @param fromSecond first epoch second, inclusive
     * @param toSecond last epoch second, exclusive
     * @param items the job's sharding total count
     * @return gaps and duplicates in that window
     */
    public Coverage coverage(long fromSecond, long toSecond, int items) {
        Map<Long, int[]> runs = new TreeMap<>();
        for (Start each : starts) {
            if (each.second() >= fromSecond && each.second() < toSecond && !"FAILOVER".equals(each.source()) && !"MANUAL".equals(each.source())) {
                runs.computeIfAbsent(each.second(), key -> new int[items])[each.item()]++;
            }
        }
        int gaps = 0;
        int duplicates = 0;
        int worstItemGaps = 0;
        int[] gapsPerItem = new int[items];
        for (long second = fromSecond; second < toSecond; second++) {
            int[] counts = runs.getOrDefault(second, new int[items]);
            for (int item = 0; item < items; item++) {
                if (counts[item] == 0) {
                    gaps++;
                    gapsPerItem[item]++;
                } else {
                    duplicates += counts[item] - 1;
                }
            }
        }
        for (int each : gapsPerItem) {
            worstItemGaps = Math.max(worstItemGaps, each);
        }
        return new Coverage((int) (toSecond - fromSecond), gaps, duplicates, worstItemGaps);
    }

    /**
     * The same as {@link #coverage(long, long, int)} over several jobs of the same item count
     * together: a gap is a job's item that did not run in a second.
     *
     * @param fromSecond first epoch second, inclusive
     * @param toSecond last epoch second, exclusive
     * @param jobs the jobs' names
     * @param items each job's sharding total count
     * @return gaps and duplicates over all the jobs; {@code fires} is the seconds × jobs
     */
    public Coverage coverage(long fromSecond, long toSecond, java.util.Collection<String> jobs, int items) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (String each : jobs) {
            index.putIfAbsent(each, index.size());
        }
        int slots = index.size() * items;
        int seconds = (int) (toSecond - fromSecond);
        int[] runs = new int[seconds * slots];
        for (Start each : starts) {
            Integer job = index.get(each.job());
            if (job != null && each.second() >= fromSecond && each.second() < toSecond && each.item() < items
                    && !"FAILOVER".equals(each.source()) && !"MANUAL".equals(each.source())) {
                runs[(int) (each.second() - fromSecond) * slots + job * items + each.item()]++;
            }
        }
        int gaps = 0;
        int duplicates = 0;
        int[] gapsPerSlot = new int[slots];
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == 0) {
                gaps++;
                gapsPerSlot[i % slots]++;
            } else {
                duplicates += runs[i] - 1;
            }
        }
        int worst = java.util.Arrays.stream(gapsPerSlot).max().orElse(0);
        return new Coverage(seconds * index.size(), gaps, duplicates, worst);
    }

    /**
     * Gaps and duplicates of a per-second cron over a window.
     *
     * @param fires how many seconds (fires) the window holds
     * @param gaps item-seconds without a run
     * @param duplicates extra runs of an item in a second
     * @param worstItemGaps the most gaps any one item had
     */
    public record Coverage(int fires, int gaps, int duplicates, int worstItemGaps) {
    }
}
