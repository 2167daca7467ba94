package io.cronshard.internal.runtime;

import java.util.HashSet;
import java.util.Set;

/**
 * The instance ids taken within this JVM, so that two instances of one job started at once here
 * never pick the same id before either is written to ZooKeeper (registrations are written in
 * batches, after {@code schedule()} returns).
 */
public final class InstanceIds {

    private final Set<String> reserved = new HashSet<>();

    /**
     * @param key the registry, namespace, job and instance id
     * @return false when another instance holds it
     */
    public synchronized boolean reserve(String key) {
        return reserved.add(key);
    }

    /**
     * @param key a key {@link #reserve reserved} before
     */
    public synchronized void release(String key) {
        reserved.remove(key);
    }
}
