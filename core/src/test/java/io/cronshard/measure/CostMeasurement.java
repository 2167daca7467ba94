package io.cronshard.measure;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the issue asks to report until the benchmarks module exists: threads, heap and
 * scheduling time for 500 idle jobs, and ZooKeeper requests per fire (server packet counter,
 * fires of an enabled job minus the same window with the job disabled, which fires but skips).
 * Not part of the default run: {@code mvn -pl core test -Dgroups=measurement -DexcludedGroups=none}.
 */
@Tag("measurement")
class CostMeasurement {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @Test
    void idleJobs() throws Exception {
        int jobs = Integer.getInteger("measure.jobs", 500);
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("idle"));
        System.gc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeap();
        List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
        long packets0 = io.cronshard.testsupport.ServerCounters.packetsReceived(ZOOKEEPER);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            ScheduleJobBootstrap each = new ScheduleJobBootstrap(regCenter, (io.cronshard.api.SimpleJob) context -> { },
                    JobConfiguration.newBuilder("idle-" + i, 2).cron("0 0 0 1 1 ? 2099").build());
            each.schedule();
            bootstraps.add(each);
        }
        long scheduleMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(3000);
        System.out.printf("MEASURE idle requests_per_job=%.1f%n", (io.cronshard.testsupport.ServerCounters.packetsReceived(ZOOKEEPER) - packets0) / (double) jobs);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapAfter = usedHeap();
        System.out.printf("MEASURE idle jobs=%d schedule_ms=%d threads_before=%d threads_after=%d heap_delta_mb=%.1f%n",
                jobs, scheduleMillis, threadsBefore, threadsAfter, (heapAfter - heapBefore) / 1048576.0);
        long shutdownStart = System.nanoTime();
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        System.out.printf("MEASURE idle shutdown_ms=%d%n", (System.nanoTime() - shutdownStart) / 1_000_000);
        assertThat(threadsAfter - threadsBefore).isLessThan(jobs);
    }

    @Test
    void requestsPerFire() throws Exception {
        for (boolean monitor : new boolean[] {true, false}) {
            String namespace = ZOOKEEPER.uniqueNamespace("fire");
            AtomicInteger executions = new AtomicInteger();
            JobConfiguration config = JobConfiguration.newBuilder("fire", 10).cron("* * * * * ?").monitorExecution(monitor).build();
            List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ScheduleJobBootstrap each = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), (io.cronshard.api.SimpleJob) context -> executions.incrementAndGet(), config);
                each.schedule();
                bootstraps.add(each);
            }
            JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(ZOOKEEPER.newRegistryCenter(namespace));
            Thread.sleep(4000);
            int seconds = 10;
            long packets = packetsReceived();
            int runs = executions.get();
            Thread.sleep(seconds * 1000L);
            long enabledPackets = packetsReceived() - packets;
            int fires = (executions.get() - runs) / 10;
            api.updateJobConfiguration(config.toBuilder().disabled(true).build());
            Thread.sleep(2000);
            packets = packetsReceived();
            Thread.sleep(seconds * 1000L);
            long disabledPackets = packetsReceived() - packets;
            System.out.printf("MEASURE fire monitorExecution=%s fires=%d packets_enabled=%d packets_disabled=%d requests_per_fire_per_instance=%.2f%n",
                    monitor, fires, enabledPackets, disabledPackets, (enabledPackets - disabledPackets) / (double) Math.max(1, fires * 3));
            bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long packetsReceived() {
        return io.cronshard.testsupport.ServerCounters.packetsReceived(ZOOKEEPER);
    }

}
