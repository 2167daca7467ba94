package io.cronshard.benchmarks.jmh;

import io.cronshard.sharding.AverageAllocationJobShardingStrategy;
import io.cronshard.sharding.JobInstance;
import io.cronshard.sharding.JobShardingStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The leader's computation of a split, {@code AVG_ALLOCATION} (the default strategy), at several
 * sizes. It runs once per change of instances, not per fire; this shows it is negligible next to
 * the one transaction that writes the split.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShardingBenchmark {

    /** {@code instances:items}. */
    @Param({"3:10", "10:100", "100:1000"})
    public String size;

    private final JobShardingStrategy strategy = new AverageAllocationJobShardingStrategy();
    private List<JobInstance> instances;
    private int items;

    /** Builds the instance list. */
    @Setup
    public void setUp() {
        String[] parts = size.split(":");
        int count = Integer.parseInt(parts[0]);
        items = Integer.parseInt(parts[1]);
        instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(new JobInstance("10.0.0." + (i % 250) + "@-@" + (1000 + i)));
        }
    }

    /** @return the split */
    @Benchmark
    public Map<JobInstance, List<Integer>> split() {
        return strategy.sharding(instances, "job", items);
    }
}
