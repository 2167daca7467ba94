package io.cronshard.testsupport;

import org.apache.curator.framework.CuratorFramework;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Reads a namespace's job nodes with a raw client, for tests: who owns an item, and waiting until
 * a job's split is settled. {@code schedule()} returns before an instance is registered, so a test
 * that triggers a job waits for this first.
 */
public final class JobTree {

    private final CuratorFramework raw;
    private final String namespace;

    /**
     * @param raw a client without namespace ({@link EmbeddedZookeeper#newRawClient()})
     * @param namespace the namespace
     */
    public JobTree(CuratorFramework raw, String namespace) {
        this.raw = raw;
        this.namespace = namespace;
    }

    /**
     * @param job a job
     * @param relative a path below the job
     * @return the full path
     */
    public String path(String job, String relative) {
        return "/" + namespace + "/" + job + "/" + relative;
    }

    /**
     * @param job a job
     * @param relative a path below the job
     * @return whether the node exists
     */
    public boolean exists(String job, String relative) {
        try {
            return raw.checkExists().forPath(path(job, relative)) != null;
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param job a job
     * @param item an item
     * @return its owner's instance id, "" when it has none or does not exist yet
     */
    public String owner(String job, int item) {
        try {
            String path = path(job, "sharding/" + item + "/instance");
            return raw.checkExists().forPath(path) == null ? "" : new String(raw.getData().forPath(path), StandardCharsets.UTF_8);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Waits until every item has an owner, the owners are {@code instances} distinct instances and
     * no resharding is due.
     *
     * @param job a job
     * @param items its sharding total count
     * @param instances how many instances should share the items
     */
    public void awaitSettled(String job, int items, int instances) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Set<String> owners = new HashSet<>();
            for (int item = 0; item < items; item++) {
                String owner = owner(job, item);
                if (owner.isEmpty()) {
                    return false;
                }
                owners.add(owner);
            }
            return owners.size() == instances && !exists(job, "leader/sharding/necessary");
        });
    }
}
