package io.cronshard.testsupport;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

/**
 * The program {@link ChildJvm} runs: one instance of a job whose items each take a while,
 * reporting on standard output, until it is killed.
 */
public final class ChildJobMain {

    /** Marks the lines meant for the parent test. */
    public static final String PREFIX = "CHILD ";

    private ChildJobMain() {
    }

    /**
     * @param args connect string, namespace, job name, sharding total count, cron, item millis,
     *             session timeout millis, failover (true/false)
     * @throws Exception when the job cannot start
     */
    public static void main(String[] args) throws Exception {
        ZookeeperConfiguration zk = new ZookeeperConfiguration(args[0], args[1]);
        zk.setSessionTimeoutMilliseconds(Integer.parseInt(args[6]));
        zk.setConnectionTimeoutMilliseconds(5_000);
        ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(zk);
        regCenter.init();
        long itemMillis = Long.parseLong(args[5]);
        SimpleJob job = context -> {
            report("START " + context.getShardingItem() + " " + System.currentTimeMillis() + " " + context.getTaskId().split("@-@")[2]);
            long deadline = System.currentTimeMillis() + itemMillis;
            while (System.currentTimeMillis() < deadline && context.isItemStillOwned()) {
                Thread.sleep(20);
            }
        };
        JobConfiguration config = JobConfiguration.newBuilder(args[2], Integer.parseInt(args[3])).cron(args[4])
                .failover(Boolean.parseBoolean(args[7])).build();
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config);
        bootstrap.schedule();
        report("READY " + bootstrap.getJobInstanceId());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static synchronized void report(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
