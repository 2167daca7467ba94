package io.cronshard.internal.execution;

import io.cronshard.internal.storage.TransactionBudget;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Group commit of the mark transactions of every job of one registry center (one session): while a
 * transaction is on its way, the transactions other jobs send meanwhile wait and then go together,
 * as one {@code multi} (within {@link TransactionBudget}). A job that fires alone sends at once, as
 * before; 200 jobs firing in the same second share a handful of transactions instead of queueing
 * 200 behind each other in the session. Each caller gets exactly the answer its own operations
 * would have got: the results of its operations when the whole succeeded; when ZooKeeper refused an
 * operation of one caller, that caller gets the refusal (and decides, as alone), while the others —
 * whose operations were only rolled back with it — are sent again at once in the next transaction.
 * No item starts before ZooKeeper has accepted its start: callbacks come only with the answer.
 */
public final class MultiBatcher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MultiBatcher.class);

    /** One caller's transaction. */
    private record Pending(ZooKeeper handle, List<Op> ops, int bytes, AsyncCallback.MultiCallback callback) {
    }

    private final Deque<Pending> queue = new ArrayDeque<>();
    private boolean sending;

    /**
     * Sends a transaction, alone or with others; the callback gets {@code (rc, null, null, results)}
     * as from {@link ZooKeeper#multi(Iterable, AsyncCallback.MultiCallback, Object)}, on the ZooKeeper
     * event thread.
     *
     * @param handle the session to send it in
     * @param ops the operations, within {@link TransactionBudget}
     * @param callback receives the answer
     */
    public void multi(ZooKeeper handle, List<Op> ops, AsyncCallback.MultiCallback callback) {
        int bytes = 0;
        for (Op each : ops) {
            bytes += TransactionBudget.bytes(each);
        }
        List<Pending> batch;
        synchronized (this) {
            queue.addLast(new Pending(handle, List.copyOf(ops), bytes, callback));
            if (sending) {
                return;
            }
            sending = true;
            batch = take();
        }
        send(batch);
    }

    /** Under the lock: the waiting transactions of the first one's session, up to the budget. */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        ZooKeeper handle = queue.peekFirst().handle();
        int bytes = 0;
        for (Pending each : new ArrayList<>(queue)) {
            if (each.handle() != handle || !batch.isEmpty() && bytes + each.bytes() > TransactionBudget.MAX_TRANSACTION_BYTES) {
                continue;
            }
            batch.add(each);
            bytes += each.bytes();
            queue.remove(each);
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        List<Op> all = new ArrayList<>();
        batch.forEach(each -> all.addAll(each.ops()));
        try {
            batch.get(0).handle().multi(all, (rc, path, ctx, results) -> answered(batch, rc, results), null);
        } catch (RuntimeException ex) {
            // the handle refuses (closed): as if ZooKeeper had answered that the session is gone
            for (Pending each : batch) {
                deliver(each, KeeperException.Code.SESSIONEXPIRED.intValue(), null);
            }
            next();
        }
    }

    private void answered(List<Pending> batch, int rc, List<OpResult> results) {
        if (batch.size() == 1 || results == null) {
            batch.forEach(each -> deliver(each, rc, results));
        } else {
            List<Pending> rolledBack = new ArrayList<>();
            int from = 0;
            for (Pending each : batch) {
                List<OpResult> own = new ArrayList<>(results.subList(from, from + each.ops().size()));
                from += each.ops().size();
                if (rc == KeeperException.Code.OK.intValue() || refusedOne(own)) {
                    deliver(each, rc, own);
                } else {
                    rolledBack.add(each);
                }
            }
            synchronized (this) {
                for (int i = rolledBack.size() - 1; i >= 0; i--) {
                    queue.addFirst(rolledBack.get(i));
                }
            }
        }
        next();
    }

    private void next() {
        List<Pending> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                sending = false;
                return;
            }
            batch = take();
        }
        send(batch);
    }

    /** @return whether ZooKeeper refused one of these operations itself (not just rolled it back) */
    private static boolean refusedOne(List<OpResult> own) {
        for (OpResult each : own) {
            if (each instanceof OpResult.ErrorResult error && error.getErr() != KeeperException.Code.OK.intValue()
                    && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                return true;
            }
        }
        return false;
    }

    private static void deliver(Pending pending, int rc, List<OpResult> results) {
        try {
            pending.callback().processResult(rc, null, null, results);
        } catch (RuntimeException ex) {
            LOG.warn("A mark transaction's callback failed", ex);
        }
    }
}
