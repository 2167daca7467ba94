package io.cronshard.reg.zookeeper;

/**
 * How to reach ZooKeeper: a JavaBean so that Spring XML and Spring Boot can bind it.
 *
 * <p>Defaults: baseSleepTimeMilliseconds=1000, maxSleepTimeMilliseconds=3000, maxRetries=3,
 * sessionTimeoutMilliseconds=60000 (the server may cap it: at most 20 ticks, 40 s by default),
 * connectionTimeoutMilliseconds=15000, no digest.
 */
public class ZookeeperConfiguration {

    private String serverLists;
    private String namespace;
    private int baseSleepTimeMilliseconds = 1000;
    private int maxSleepTimeMilliseconds = 3000;
    private int maxRetries = 3;
    private int sessionTimeoutMilliseconds = 60000;
    private int connectionTimeoutMilliseconds = 15000;
    private String digest;

    /** Creates an empty configuration; set at least the server list and the namespace. */
    public ZookeeperConfiguration() {
    }

    /**
     * @param serverLists comma-separated {@code host:port} pairs, e.g. "zk1:2181,zk2:2181"
     * @param namespace the root node every job of this registry lives under, e.g. "cronshard"
     */
    public ZookeeperConfiguration(String serverLists, String namespace) {
        this.serverLists = serverLists;
        this.namespace = namespace;
    }

    /** @return comma-separated {@code host:port} pairs */
    public String getServerLists() {
        return serverLists;
    }

    /** @param serverLists comma-separated {@code host:port} pairs */
    public void setServerLists(String serverLists) {
        this.serverLists = serverLists;
    }

    /** @return the root node of this registry's jobs */
    public String getNamespace() {
        return namespace;
    }

    /** @param namespace the root node of this registry's jobs, without a leading '/' */
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** @return the first retry's wait */
    public int getBaseSleepTimeMilliseconds() {
        return baseSleepTimeMilliseconds;
    }

    /** @param baseSleepTimeMilliseconds the first retry's wait (exponential back-off) */
    public void setBaseSleepTimeMilliseconds(int baseSleepTimeMilliseconds) {
        this.baseSleepTimeMilliseconds = baseSleepTimeMilliseconds;
    }

    /** @return the longest wait between retries */
    public int getMaxSleepTimeMilliseconds() {
        return maxSleepTimeMilliseconds;
    }

    /** @param maxSleepTimeMilliseconds the longest wait between retries */
    public void setMaxSleepTimeMilliseconds(int maxSleepTimeMilliseconds) {
        this.maxSleepTimeMilliseconds = maxSleepTimeMilliseconds;
    }

    /** @return how often a failed operation is retried */
    public int getMaxRetries() {
        return maxRetries;
    }

    /** @param maxRetries how often a failed operation is retried */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /** @return the session timeout asked of the server */
    public int getSessionTimeoutMilliseconds() {
        return sessionTimeoutMilliseconds;
    }

    /** @param sessionTimeoutMilliseconds the session timeout asked of the server; items of a crashed instance wait this long */
    public void setSessionTimeoutMilliseconds(int sessionTimeoutMilliseconds) {
        this.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds;
    }

    /** @return how long to wait for a connection */
    public int getConnectionTimeoutMilliseconds() {
        return connectionTimeoutMilliseconds;
    }

    /** @param connectionTimeoutMilliseconds how long to wait for a connection, at start-up too */
    public void setConnectionTimeoutMilliseconds(int connectionTimeoutMilliseconds) {
        this.connectionTimeoutMilliseconds = connectionTimeoutMilliseconds;
    }

    /** @return the {@code user:password} digest, or null */
    public String getDigest() {
        return digest;
    }

    /** @param digest {@code user:password}; when set, nodes are created readable and writable by that user only */
    public void setDigest(String digest) {
        this.digest = digest;
    }
}
