package io.cronshard.examples;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Three instances of a sharded job share its six items; after a while one instance stops and
 * its items are split among the other two. Starts an embedded ZooKeeper unless
 * {@code --zookeeper host:port} is given; exits after about 30 seconds unless {@code --keep-running}.
 */
public final class ShardingDemo {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The demo's fixed namespace, to paste into the web console. */
    public static final String NAMESPACE = "cronshard-demo";
    private static final String CITIES = "0=Beijing,1=Shanghai,2=Guangzhou,3=Shenzhen,4=Hangzhou,5=Chengdu";

    /** Instance label → items it ran; filled by the demo's job. */
    private final Map<String, Set<Integer>> itemsByInstance = new ConcurrentHashMap<>();
    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final List<ZookeeperRegistryCenter> regCenters = new ArrayList<>();

    /**
     * @param args {@code --zookeeper host:port}, {@code --keep-running}
     * @throws Exception when the demo cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoLauncher.launch("ShardingDemo", args,
                (servers, keepRunning) -> new ShardingDemo().run(servers, 12_000, keepRunning ? Long.MAX_VALUE : 30_000));
    }

    /**
     * Runs the demo: three instances, one stopped after {@code stopAfterMillis}, all stopped after {@code totalMillis}.
     *
     * @param servers ZooKeeper's server list
     * @param stopAfterMillis when instance-3 stops
     * @param totalMillis when the demo ends; {@link Long#MAX_VALUE} runs until the JVM is stopped
     * @throws InterruptedException when interrupted
     */
    public void run(String servers, long stopAfterMillis, long totalMillis) throws InterruptedException {
        String namespace = NAMESPACE;
        DemoLauncher.printConsoleHint(servers, namespace);
        JobConfiguration config = JobConfiguration.newBuilder("demo-job", 6).cron("0/2 * * * * ?")
                .shardingItemParameters(CITIES).description("Cronshard demo").overwrite(true).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdownAll();
            stopped.countDown();
        }, "demo-shutdown"));
        for (int i = 1; i <= 3; i++) {
            String label = "instance-" + i;
            ZookeeperConfiguration zkConfig = new ZookeeperConfiguration(servers, namespace);
            zkConfig.setSessionTimeoutMilliseconds(10_000);
            zkConfig.setConnectionTimeoutMilliseconds(5_000);
            ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(zkConfig);
            regCenter.init();
            regCenters.add(regCenter);
            ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, new CityJob(label), config);
            bootstrap.schedule();
            bootstraps.add(bootstrap);
            System.out.println("Started " + label + " as " + bootstrap.getJobInstanceId());
        }
        Thread.sleep(stopAfterMillis);
        System.out.println();
        System.out.println("=== stopping instance-3: its items are re-split among the others ===");
        System.out.println();
        bootstraps.get(2).shutdown();
        regCenters.get(2).close();
        itemsByInstance.clear();
        if (totalMillis == Long.MAX_VALUE) {
            stopped.await();
            return;
        }
        Thread.sleep(Math.max(0, totalMillis - stopAfterMillis));
        System.out.println("Items run since the stop: " + itemsByInstance);
        shutdownAll();
    }

    /** @return instance label → items it ran since instance-3 stopped (or since the start, before that) */
    public Map<String, Set<Integer>> itemsByInstance() {
        return itemsByInstance;
    }

    private synchronized void shutdownAll() {
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        regCenters.forEach(ZookeeperRegistryCenter::close);
    }

    /** The demo's job: prints who runs which item. */
    private final class CityJob implements SimpleJob {

        private final String instance;

        CityJob(String instance) {
            this.instance = instance;
        }

        @Override
        public void execute(ShardingContext context) throws InterruptedException {
            System.out.printf("%s %s ran item %d (%s)%n", LocalTime.now().format(TIME), instance, context.getShardingItem(),
                    context.getShardingParameter());
            itemsByInstance.computeIfAbsent(instance, key -> ConcurrentHashMap.newKeySet()).add(context.getShardingItem());
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
