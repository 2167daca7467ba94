package io.cronshard.internal.cache;

/** A change waiting for its turn: ready at once, or when its read has answered. */
final class Pending {

    final String path;
    final boolean reload;
    long zxid = -1;
    CachedNode node;
    boolean done;
    boolean failed;
    boolean skip;
    boolean listing;
    int generation;
    /** For a catch-up marker: what runs once every change queued before it is applied. */
    Runnable task;

    Pending(String path, boolean reload) {
        this.path = path;
        this.reload = reload;
    }

    static Pending ready(String path, CachedNode node, boolean reload) {
        Pending result = new Pending(path, reload);
        result.node = node;
        result.done = true;
        return result;
    }
}
