package io.cronshard.internal.cache;

/**
 * Up to which ZooKeeper transaction the cache's view is complete. A node's data is read after the
 * event that announced it, so a read can return data newer than the events applied so far; the
 * view is complete up to a zxid once every watch event up to it has been applied, or once a
 * catch-up {@code sync}, sent after a read returned it, has been answered. A (re)load under way
 * makes the view incomplete: nodes that changed before the watch was added are announced by no
 * event. Written on the ZooKeeper event thread; read from any thread.
 */
final class Completeness {

    /** The highest {@code mzxid} any read has returned (written on the event thread only). */
    private volatile long highestRead;
    private volatile long appliedThrough;
    private volatile boolean loaded;

    /** @param mzxid the {@code mzxid} of a node a read returned */
    void read(long mzxid) {
        if (mzxid > highestRead) {
            highestRead = mzxid;
        }
    }

    /** @return what a catch-up sent now vouches for once answered */
    long highestRead() {
        return highestRead;
    }

    /** @param zxid a transaction whose changes, and every earlier one's, are applied */
    void applied(long zxid) {
        if (zxid > appliedThrough) {
            appliedThrough = zxid;
        }
    }

    /** @param isLoaded false when a (re)load starts, true when one has read the whole subtree */
    void loaded(boolean isLoaded) {
        loaded = isLoaded;
    }

    boolean isCaughtUpWith(long zxid) {
        return loaded && zxid <= appliedThrough;
    }
}
