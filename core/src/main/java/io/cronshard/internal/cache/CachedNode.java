package io.cronshard.internal.cache;

import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One cached node: data is null for nodes cached for their existence only; stat is null for those too. */
public final class CachedNode {

    /** A node cached for its existence only. */
    public static final CachedNode PRESENT = new CachedNode(null, null);

    private final byte[] data;
    private final Stat stat;

    /**
     * @param data the node's data, null when only its existence matters
     * @param stat its stat, null when unknown
     */
    public CachedNode(byte[] data, Stat stat) {
        this.data = data;
        this.stat = stat;
    }

    /**
     * @param data the node's data as text
     * @param stat its stat
     * @return a node with that data
     */
    public static CachedNode of(String data, Stat stat) {
        return new CachedNode(data.getBytes(StandardCharsets.UTF_8), stat);
    }

    /** @return the data as UTF-8 text, null for an existence-only node */
    public String getData() {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** @return the stat, null when unknown */
    public Stat getStat() {
        return stat;
    }

    /** @return the node's version, -1 when unknown (matches any version in a write) */
    public int version() {
        return stat == null ? -1 : stat.getVersion();
    }

    boolean hasData() {
        return data != null;
    }

    boolean sameData(CachedNode other) {
        return Arrays.equals(data, other.data);
    }
}
