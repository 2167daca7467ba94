package io.cronshard.reg;

import java.util.List;

/**
 * The storage seam between Cronshard and its coordination service. Keys are slash-separated
 * paths inside the registry's namespace, e.g. {@code /myJob/config}. Every method reads or
 * writes the service directly; the job runtime keeps its own watched cache.
 */
public interface CoordinatorRegistryCenter extends AutoCloseable {

    /**
     * Connects. Fails fast, naming the servers and the timeout, when they cannot be reached.
     *
     * @throws RegistryCenterException when the connection cannot be made
     */
    void init();

    /** Disconnects and releases every thread the registry center started. Idempotent. */
    @Override
    void close();

    /**
     * @param key a path
     * @return the node's value, or null when the node does not exist
     */
    String get(String key);

    /**
     * @param key a path
     * @return whether the node exists
     */
    boolean isExisted(String key);

    /**
     * @param key a path
     * @return the names of the node's children in ascending order; empty when the node does not exist
     */
    List<String> getChildrenKeys(String key);

    /**
     * Creates the node (and missing parents) or replaces its value.
     *
     * @param key a path
     * @param value the value
     */
    void persist(String key, String value);

    /**
     * Creates (or replaces) an ephemeral node that lives as long as this registry center's session.
     *
     * @param key a path
     * @param value the value
     */
    void persistEphemeral(String key, String value);

    /**
     * Removes the node and everything below it; nothing happens when it does not exist.
     *
     * @param key a path
     */
    void remove(String key);

    /**
     * @return the underlying client; for ZooKeeper, Curator's {@code CuratorFramework}
     */
    Object getRawClient();
}
