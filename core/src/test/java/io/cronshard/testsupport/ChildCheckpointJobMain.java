package io.cronshard.testsupport;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;

/**
 * A program for {@link ChildJvm#start(Class, String...)}: one instance of a failover job (cron
 * yearly, fired by a trigger) whose every item reads its checkpoint, saves the checkpoints
 * {@code 1..k} one after the other, and then holds its item until the JVM is killed. It reports,
 * with the prefix {@value ChildJobMain#PREFIX}: {@code READY <instanceId>};
 * {@code RESUMED <item> <checkpoint or null> <fencingToken>} when an item starts;
 * {@code SAVED <item> <checkpoint> <fencingToken>} after each save returned.
 */
public final class ChildCheckpointJobMain {

    /** The cron of the job: it runs only when triggered. */
    public static final String YEARLY = "0 0 0 1 1 ? 2099";

    private ChildCheckpointJobMain() {
    }

    /**
     * @param args connect string, namespace, job name, sharding total count, session timeout millis,
     *             how many checkpoints each item saves (k), keepCheckpointOnSuccess (true/false)
     * @throws Exception when the job cannot start
     */
    public static void main(String[] args) throws Exception {
        ZookeeperConfiguration zk = new ZookeeperConfiguration(args[0], args[1]);
        zk.setSessionTimeoutMilliseconds(Integer.parseInt(args[4]));
        zk.setConnectionTimeoutMilliseconds(5_000);
        ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(zk);
        regCenter.init();
        int checkpoints = Integer.parseInt(args[5]);
        SimpleJob job = context -> {
            int item = context.getShardingItem();
            long token = context.getFencingToken();
            report("RESUMED " + item + " " + context.getCheckpoint() + " " + token);
            for (int next = 1; next <= checkpoints; next++) {
                Thread.sleep(30); // a unit of work
                context.saveCheckpoint(Integer.toString(next));
                report("SAVED " + item + " " + next + " " + token);
            }
            while (context.isItemStillOwned()) {
                Thread.sleep(20); // holds the item until killed
            }
        };
        JobConfiguration config = config(args[2], Integer.parseInt(args[3]), Boolean.parseBoolean(args[6]));
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config);
        bootstrap.schedule();
        report("READY " + bootstrap.getJobInstanceId());
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * @param jobName the job
     * @param items its sharding total count
     * @param keepCheckpointOnSuccess whether a run that completes normally keeps its checkpoint
     * @return the configuration the child runs with, for the other instances of the job to match
     */
    public static JobConfiguration config(String jobName, int items, boolean keepCheckpointOnSuccess) {
        return JobConfiguration.newBuilder(jobName, items).cron(YEARLY).failover(true).keepCheckpointOnSuccess(keepCheckpointOnSuccess).build();
    }

    private static synchronized void report(String line) {
        System.out.println(ChildJobMain.PREFIX + line);
        System.out.flush();
    }
}
