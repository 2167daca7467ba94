package io.cronshard.benchmarks.zookeeper;

import java.util.List;

/**
 * The ZooKeeper a scenario measures against: one standalone server ({@link ZookeeperProcess})
 * or an ensemble ({@link ZookeeperEnsemble}), each in a JVM of its own. Counters that every
 * server keeps for its own clients (connections, watches, notifications, packets) are summed
 * over the servers; the tree (znodes, zxid) is the same on all of them.
 */
public interface ZookeeperServers extends AutoCloseable {

    /** @return every server's {@code 127.0.0.1:port}, comma-separated */
    String connectString();

    /** @return the servers' client ports on 127.0.0.1 */
    List<Integer> ports();

    /** @return a four-letter-word client per server */
    List<FourLetterWords> servers();

    /** @return the servers' tick in milliseconds */
    int tickMillis();

    /** @return how many servers */
    default int size() {
        return ports().size();
    }

    /**
     * @param name a numeric {@code mntr} figure that each server keeps for its own clients
     * @return its sum over the servers
     */
    default long mntrSum(String name) {
        return servers().stream().mapToLong(each -> each.mntrLong(name)).sum();
    }

    /** @return the last committed zxid (the highest any server has applied) */
    default long zxid() {
        return servers().stream().mapToLong(FourLetterWords::zxid).max().orElseThrow();
    }

    /** @return znodes in the tree (the first server's count; every server holds the whole tree) */
    default long znodes() {
        return servers().get(0).mntrLong("zk_znode_count");
    }

    /** @return watches held by all servers for their clients ({@code wchs}, summed) */
    default long watches() {
        return servers().stream().mapToLong(FourLetterWords::watches).sum();
    }

    /** @return watch notifications sent by all servers so far (see {@link FourLetterWords#watchNotifications()}) */
    default long watchNotifications() {
        return servers().stream().mapToLong(FourLetterWords::watchNotifications).sum();
    }

    /**
     * @return client connections to all servers, without the one each server counts for the
     *         four-letter command asking it
     */
    default long clientConnections() {
        return servers().stream().mapToLong(each -> each.mntrLong("zk_num_alive_connections") - 1).sum();
    }
}
