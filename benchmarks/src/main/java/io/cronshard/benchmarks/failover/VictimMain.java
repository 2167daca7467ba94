package io.cronshard.benchmarks.failover;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.benchmarks.support.JobMember;

/**
 * The instance the failover scenario kills with {@code kill -9}: one instance of the job in a
 * JVM of its own, whose items each take a while. Reports on standard output
 * {@code READY <instanceId>} once scheduled and {@code START <item> <source>} as each item starts.
 */
public final class VictimMain {

    private VictimMain() {
    }

    /**
     * @param args connect string, namespace, job name, sharding total count, item milliseconds, session timeout milliseconds
     */
    public static void main(String[] args) throws Exception {
        long itemMillis = Long.parseLong(args[4]);
        SimpleJob job = context -> {
            report("START " + context.getShardingItem() + " " + context.getTaskId().split("@-@")[2]);
            long deadline = System.currentTimeMillis() + itemMillis;
            while (System.currentTimeMillis() < deadline && context.isItemStillOwned()) {
                Thread.sleep(20);
            }
        };
        JobConfiguration config = FailoverScenario.jobConfiguration(args[2], Integer.parseInt(args[3]));
        JobMember member = JobMember.start(args[0], args[1], Integer.parseInt(args[5]), job, config);
        report("READY " + member.instanceId());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
