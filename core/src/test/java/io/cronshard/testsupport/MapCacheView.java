package io.cronshard.testsupport;

import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.zookeeper.data.Stat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's subtree as a map of relative paths, for testing decisions without ZooKeeper. Adding a
 * node adds its missing parents; every node gets a stat with version 0 and a made-up zxid.
 */
public final class MapCacheView implements CacheView {

    private final TreeMap<String, CachedNode> nodes = new TreeMap<>();
    private boolean loaded = true;
    private long zxid = 100;

    /**
     * @param relative a path
     * @param data its data, null for an existence-only node
     * @return this
     */
    public MapCacheView put(String relative, String data) {
        return put(relative, data, 0);
    }

    /**
     * @param relative a path
     * @param data its data, null for an existence-only node
     * @param version its version
     * @return this
     */
    public MapCacheView put(String relative, String data, int version) {
        String parent = JobNodePaths.parentOf(relative);
        if (!parent.isEmpty() && !nodes.containsKey(parent)) {
            put(parent, null);
        }
        Stat stat = new Stat();
        stat.setVersion(version);
        stat.setCzxid(++zxid);
        stat.setMzxid(zxid);
        nodes.put(relative, data == null ? CachedNode.PRESENT : CachedNode.of(data, stat));
        return this;
    }

    /**
     * @param relative a path
     * @return this, without the node and what is below it
     */
    public MapCacheView remove(String relative) {
        nodes.keySet().removeIf(key -> key.equals(relative) || key.startsWith(relative + "/"));
        return this;
    }

    /**
     * @param isLoaded whether the view counts as loaded
     * @return this
     */
    public MapCacheView loaded(boolean isLoaded) {
        this.loaded = isLoaded;
        return this;
    }

    /**
     * @param owners item → owner instance id, written as {@code sharding/{item}/instance}
     * @return this
     */
    public MapCacheView split(Map<Integer, String> owners) {
        owners.forEach((item, owner) -> put(JobNodePaths.itemInstance(item), owner));
        return this;
    }

    /** A map holds every change it was given: complete whenever it counts as loaded. */
    @Override
    public boolean isCaughtUpWith(long transaction) {
        return loaded;
    }

    @Override
    public boolean exists(String relative) {
        return nodes.containsKey(relative);
    }

    @Override
    public CachedNode get(String relative) {
        return nodes.get(relative);
    }

    @Override
    public List<String> getChildren(String relative) {
        String prefix = relative.isEmpty() ? "" : relative + "/";
        List<String> result = new ArrayList<>();
        for (String key : new TreeMap<>(nodes).keySet()) {
            if (key.startsWith(prefix) && !key.equals(relative) && key.indexOf('/', prefix.length()) < 0 && !key.isEmpty()) {
                result.add(key.substring(prefix.length()));
            }
        }
        return result;
    }

    @Override
    public boolean isLoaded() {
        return loaded;
    }
}
