package io.cronshard.benchmarks.jmh;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.support.JobMember;
import io.cronshard.benchmarks.support.ShardingView;
import io.cronshard.benchmarks.zookeeper.ZookeeperProcess;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.internal.job.JobCoordinator;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fire path of one instance without ZooKeeper I/O: what the Quartz thread runs on each cron
 * fire ({@code JobCoordinator.fire}: decide from the job's cache which items this instance owns
 * and may start, then dispatch), followed, because the executor is {@link InlineExecutorServiceHandler
 * inline}, by building each item's context, running the empty body and ending the fire.
 *
 * <p>{@code monitorExecution} is off, so no request is sent: that is the I/O-free path. (With it
 * on, the same path adds the start and end transactions, two round trips to ZooKeeper; the
 * fire-cost scenario measures those.) The real runtime is used: a ZooKeeper server in a child JVM
 * and one registry center per instance feed the caches during setup; {@code instances} of them
 * split the items, and the benchmark fires one of them, which owns about items / instances.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FirePathBenchmark {

    /** Sharding total count. */
    @Param({"10", "100", "1000"})
    public int items;

    /** How many instances split the items. */
    @Param({"1", "3"})
    public int instances;

    private final LongAdder bodies = new LongAdder();
    private final List<ZookeeperRegistryCenter> regCenters = new ArrayList<>();
    private final List<JobCoordinator> coordinators = new ArrayList<>();
    private ZookeeperProcess zookeeper;
    private JobCoordinator fired;

    /** Starts ZooKeeper and the instances, and waits until the items are split. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        zookeeper = ZookeeperProcess.start(ZookeeperProcess.DEFAULT_TICK_MILLIS);
        String namespace = "bench-jmh";
        JobConfiguration config = JobConfiguration.newBuilder("firepath", items).monitorExecution(false).misfire(false)
                .jobExecutorServiceHandlerType(InlineExecutorServiceHandler.TYPE).build();
        SimpleJob body = context -> bodies.increment();
        for (int i = 0; i < instances; i++) {
            ZookeeperRegistryCenter regCenter = JobMember.connect(zookeeper.connectString(), namespace, 10_000);
            regCenters.add(regCenter);
            JobCoordinator coordinator = new JobCoordinator(regCenter, ItemRunner.of(body), config, List.of(), false);
            coordinator.start();
            coordinators.add(coordinator);
        }
        Map<Integer, String> owners = new ShardingView(regCenters.get(0)).awaitSplit("firepath", items, instances, 30_000);
        fired = coordinators.get(0);
        long owned = owners.values().stream().filter(fired.getInstanceId()::equals).count();
        long deadline = System.currentTimeMillis() + 10_000;
        // the cache of the fired instance may be a moment behind the split just read
        long ran;
        do {
            Thread.sleep(50);
            long before = bodies.sum();
            fired.fire(ExecutionSource.NORMAL);
            ran = bodies.sum() - before;
        } while (ran != owned && System.currentTimeMillis() < deadline);
        if (ran != owned) {
            throw new IllegalStateException("A fire ran " + ran + " bodies, expected the " + owned + " items the instance owns");
        }
        System.out.println("# FirePathBenchmark: the fired instance owns " + owned + " of " + items + " items; one fire runs " + ran + " bodies inline");
    }

    /**
     * One cron fire of one instance: decide, dispatch, run the empty bodies, end.
     *
     * @return how many bodies ran so far (kept alive for the JIT)
     */
    @Benchmark
    public long fire() {
        fired.fire(ExecutionSource.NORMAL);
        return bodies.sum();
    }

    /** Stops the instances and ZooKeeper. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        coordinators.forEach(JobCoordinator::shutdown);
        regCenters.forEach(ZookeeperRegistryCenter::close);
        zookeeper.close();
    }
}
