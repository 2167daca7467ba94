package io.cronshard.internal.connection;

import org.apache.curator.framework.CuratorFramework;

/** What a job asks of the registry center's current ZooKeeper session. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * @param client the registry's client
     * @return the session timeout negotiated for the current session, in milliseconds
     */
    public static long timeoutMillis(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } catch (Exception ex) {
            return client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
        }
    }

    /**
     * @param client the registry's client
     * @return the current session's id, 0 when there is none
     */
    public static long id(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception ex) {
            return 0L;
        }
    }
}
