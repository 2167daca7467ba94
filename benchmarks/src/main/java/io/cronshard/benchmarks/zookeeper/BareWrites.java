package io.cronshard.benchmarks.zookeeper;

import io.cronshard.benchmarks.support.Percentiles;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;

import java.util.ArrayList;
import java.util.List;

/**
 * The bare round trip of one small ZooKeeper multi write, the floor under a fire's start
 * transaction with {@code monitorExecution} on: from a plain session of its own, one at a time,
 * a multi that creates one small ephemeral node (the shape of a start's running mark), then a
 * multi that deletes it (an end's). Measured on the same server, through the same route (proxy or
 * not) and at the same moment as the fires it is compared with.
 */
public final class BareWrites {

    /**
     * Both round trips, in milliseconds.
     *
     * @param create the multi creating the node
     * @param delete the multi deleting it
     */
    public record RoundTrips(Percentiles create, Percentiles delete) {
    }

    private BareWrites() {
    }

    /**
     * @param connectString the servers, by the route the compared clients take
     * @param parent an absolute path to create the nodes under (created if missing, left in place)
     * @param count how many of each
     * @param pauseMillis pause between two rounds, so as not to load the server more than fires do
     * @return the round trips
     */
    public static RoundTrips measure(String connectString, String parent, int count, long pauseMillis) throws Exception {
        List<Double> creates = new ArrayList<>(count);
        List<Double> deletes = new ArrayList<>(count);
        try (TreeReader session = TreeReader.connect(connectString)) {
            session.ensure(parent);
            byte[] data = new byte[0];
            for (int i = 0; i < count; i++) {
                String path = parent + "/probe-" + i;
                long start = System.nanoTime();
                session.handle().multi(List.of(Op.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)));
                long created = System.nanoTime();
                session.handle().multi(List.of(Op.delete(path, -1)));
                long deleted = System.nanoTime();
                creates.add((created - start) / 1e6);
                deletes.add((deleted - created) / 1e6);
                Thread.sleep(pauseMillis);
            }
        }
        return new RoundTrips(new Percentiles(creates), new Percentiles(deletes));
    }
}
