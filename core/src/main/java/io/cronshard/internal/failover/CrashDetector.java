package io.cronshard.internal.failover;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which items were running on an instance when its session ended, from watch events alone.
 *
 * <p>ZooKeeper deletes every ephemeral node of an expired (or closed) session in one transaction,
 * so the {@code running} and {@code failover} marks of a crashed instance disappear with the same
 * zxid as its {@code instances/{id}} node, in no particular order. A graceful shutdown ends its
 * items first, in earlier transactions, so its marks never share that zxid. No mark has to
 * outlive the session, so no stale mark can ever block an item (design note 4, docs/design-notes.md). Every
 * instance keeps this memory, so that a newly elected leader knows what its crashed predecessor
 * was running.
 */
final class CrashDetector {

    private static final int REMEMBERED_DELETIONS = 64;

    private final Map<Integer, Long> markDeletedAt = new HashMap<>();
    private final Deque<Long> instanceDeletedAt = new ArrayDeque<>();

    /**
     * A {@code running} or {@code failover} mark was deleted by a watched transaction.
     *
     * @param item the item
     * @param zxid the transaction
     * @return the item when an instance node went in the same transaction (it crashed running it), else nothing
     */
    public synchronized Set<Integer> markDeleted(int item, long zxid) {
        Set<Integer> result = new TreeSet<>();
        if (zxid <= 0) {
            return result;
        }
        if (instanceDeletedAt.contains(zxid)) {
            result.add(item);
        } else {
            markDeletedAt.put(item, zxid);
        }
        return result;
    }

    /**
     * An instance node was deleted by a watched transaction.
     *
     * @param zxid the transaction
     * @return the items whose marks went in the same transaction: they were running on the instance when it died
     */
    public synchronized Set<Integer> instanceDeleted(long zxid) {
        Set<Integer> result = new TreeSet<>();
        if (zxid <= 0) {
            return result;
        }
        instanceDeletedAt.addLast(zxid);
        if (instanceDeletedAt.size() > REMEMBERED_DELETIONS) {
            instanceDeletedAt.removeFirst();
        }
        markDeletedAt.forEach((item, at) -> {
            if (at == zxid) {
                result.add(item);
            }
        });
        result.forEach(markDeletedAt::remove);
        return result;
    }
}
