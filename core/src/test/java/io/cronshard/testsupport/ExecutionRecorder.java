package io.cronshard.testsupport;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Records every execution of one job across the instances of a test: instance label, item,
 * start and end. Each instance gets its own {@link SimpleJob} from {@link #jobFor(String)}.
 * {@link #assertNoOverlap()} checks the central invariant: no item ever ran on two instances at
 * the same time.
 */
public final class ExecutionRecorder {

    /** One execution of one item. */
    public static final class Execution {

        public final String instance;
        public final int item;
        public final String parameter;
        public final String jobParameter;
        public final String taskId;
        public final long fencingToken;
        public final long start;
        public volatile long end;
        /** Wall-clock start, to compare with other JVMs. */
        public final long startMillis = System.currentTimeMillis();

        Execution(String instance, ShardingContext context, long start) {
            this.instance = instance;
            this.item = context.getShardingItem();
            this.parameter = context.getShardingParameter();
            this.jobParameter = context.getJobParameter();
            this.taskId = context.getTaskId();
            this.fencingToken = context.getFencingToken();
            this.start = start;
        }

        /** @return why it ran: NORMAL, MISFIRE, FAILOVER or MANUAL (from the task id) */
        public String source() {
            String[] parts = taskId.split("@-@");
            return parts.length > 2 ? parts[2] : "";
        }

        @Override
        public String toString() {
            return instance + "#" + item + "(" + source() + ")[" + start / 1_000_000 + ".." + end / 1_000_000 + " ms]";
        }
    }

    private final List<Execution> executions = new CopyOnWriteArrayList<>();
    private volatile long itemMillis;

    /**
     * @param millis how long each execution takes
     * @return this
     */
    public ExecutionRecorder itemDuration(long millis) {
        this.itemMillis = millis;
        return this;
    }

    /**
     * @param instance a label for the instance
     * @return a job that records under that label
     */
    public SimpleJob jobFor(String instance) {
        return context -> {
            Execution execution = new Execution(instance, context, System.nanoTime());
            executions.add(execution);
            try {
                // cooperative user code: stops when interrupted or when the item is no longer its own
                long deadline = System.nanoTime() + itemMillis * 1_000_000L;
                while (System.nanoTime() < deadline && context.isItemStillOwned()) {
                    Thread.sleep(Math.min(20L, Math.max(1L, (deadline - System.nanoTime()) / 1_000_000L)));
                }
            } finally {
                execution.end = System.nanoTime();
            }
        };
    }

    /** @return how many executions are still running */
    public long running() {
        return executions.stream().filter(each -> each.end == 0).count();
    }

    /** @return every execution so far */
    public List<Execution> all() {
        return new ArrayList<>(executions);
    }

    /** @return executions started at or after the given {@link System#nanoTime()} */
    public List<Execution> since(long nanoTime) {
        List<Execution> result = new ArrayList<>();
        for (Execution each : executions) {
            if (each.start >= nanoTime) {
                result.add(each);
            }
        }
        return result;
    }

    /**
     * @param nanoTime a {@link System#nanoTime()}
     * @return instance label → items it ran since then
     */
    public Map<String, Set<Integer>> itemsByInstanceSince(long nanoTime) {
        return group(since(nanoTime), each -> each.instance);
    }

    private static Map<String, Set<Integer>> group(List<Execution> list, Function<Execution, String> key) {
        Map<String, Set<Integer>> result = new TreeMap<>();
        for (Execution each : list) {
            result.computeIfAbsent(key.apply(each), ignored -> new TreeSet<>()).add(each.item);
        }
        return result;
    }

    /** @return the items that ran at least once */
    public Set<Integer> itemsRun() {
        Set<Integer> result = new TreeSet<>();
        executions.forEach(each -> result.add(each.item));
        return result;
    }

    /**
     * Fails when two executions of one item on different instances overlapped in time.
     */
    public void assertNoOverlap() {
        List<Execution> list = all();
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Execution a = list.get(i);
                Execution b = list.get(j);
                if (a.item != b.item) {
                    continue;
                }
                long aEnd = a.end == 0 ? Long.MAX_VALUE : a.end;
                long bEnd = b.end == 0 ? Long.MAX_VALUE : b.end;
                if (a.start < bEnd && b.start < aEnd) {
                    throw new AssertionError("Item " + a.item + " ran twice at once: " + a + " and " + b);
                }
            }
        }
    }
}
