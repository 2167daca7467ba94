package io.cronshard.internal.execution;

import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.instance.JobScope;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.internal.storage.TransactionBudget;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The transactions that mark items in ZooKeeper, as typed operations, sent asynchronously through
 * the raw handle of the session a fire started in (no thread waits for ZooKeeper; answers arrive
 * on the ZooKeeper event thread and are handed on at once):
 * <ul>
 *   <li><b>start</b>, per item: check the version of its {@code instance} node (an owner that lost
 *       the item cannot start it), create its ephemeral {@code running} mark (its zxid is the
 *       fencing token), delete its {@code misfire} mark when there is one;</li>
 *   <li><b>claim</b> of a failover item: delete its queue entry at the version seen (an entry
 *       re-assigned meanwhile is not taken), create its {@code failover} mark (the token) and, with
 *       {@code monitorExecution}, its {@code running} mark;</li>
 *   <li><b>end</b>: delete the marks.</li>
 * </ul>
 * Items go together in as few transactions as {@link TransactionBudget} allows; an item's own
 * operations are never split. When a transaction is refused, ZooKeeper names the operation that
 * failed: its item is left out (running elsewhere, or changed hands) and the rest is sent again.
 * A connection lost before the answer leaves the marks in doubt: they are given to
 * {@link StaleMarks}, and the items do not start.
 */
final class MarkTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(MarkTransactions.class);
    private static final int MAX_ATTEMPTS = 3;

    /** What one operation of a start or claim does for its item. */
    enum Kind { CHECK_OWNER, CREATE_RUNNING, DELETE_MISFIRE, DELETE_QUEUE_ENTRY, CREATE_FAILOVER }

    /** One operation and the item it is for. */
    record MarkOp(int item, Kind kind, Op op) {
    }

    private final JobScope scope;
    private final MarkOps ops;
    private final StaleMarks stale;
    private final MultiBatcher batcher;
    private final byte[] instanceIdBytes;

    MarkTransactions(JobScope scope, MarkOps ops, StaleMarks stale, MultiBatcher batcher) {
        this.scope = scope;
        this.ops = ops;
        this.stale = stale;
        this.batcher = batcher;
        this.instanceIdBytes = scope.instanceId().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ start and claim

    /**
     * Starts the items this instance owns (per the cache): sends the start transactions and
     * reports, once all have answered, which items started with which token.
     *
     * @param handle the session to start in
     * @param items the items to start
     * @param done receives the outcome, on the ZooKeeper event thread (or the caller's, when nothing was sent)
     */
    void start(ZooKeeper handle, List<Integer> items, Consumer<MarkOutcome> done) {
        MarkOutcome outcome = new MarkOutcome();
        List<List<MarkOp>> units = new ArrayList<>();
        for (Integer item : items) {
            List<MarkOp> unit = startUnit(item);
            if (unit == null) {
                outcome.changedHands(item);
            } else {
                units.add(unit);
            }
        }
        sendAll(handle, units, Kind.CREATE_RUNNING, outcome, done);
    }

    /**
     * Claims failover items queued for this instance.
     *
     * @param handle the session to claim in
     * @param items the queued items naming this instance
     * @param monitor whether to create running marks too ({@code monitorExecution})
     * @param done receives the outcome, on the ZooKeeper event thread (or the caller's, when nothing was sent)
     */
    void claim(ZooKeeper handle, List<Integer> items, boolean monitor, Consumer<MarkOutcome> done) {
        List<List<MarkOp>> units = new ArrayList<>();
        for (Integer item : items) {
            units.add(claimUnit(item, monitor));
        }
        sendAll(handle, units, Kind.CREATE_FAILOVER, new MarkOutcome(), done);
    }

    private List<MarkOp> startUnit(int item) {
        CachedNode owner = scope.cache().get(JobNodePaths.itemInstance(item));
        if (owner == null || owner.getStat() == null) {
            return null;
        }
        List<MarkOp> unit = new ArrayList<>(3);
        unit.add(new MarkOp(item, Kind.CHECK_OWNER, ops.check(JobNodePaths.itemInstance(item), owner.version())));
        unit.add(new MarkOp(item, Kind.CREATE_RUNNING, ops.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes)));
        if (scope.cache().exists(JobNodePaths.itemMisfire(item))) {
            unit.add(new MarkOp(item, Kind.DELETE_MISFIRE, ops.delete(JobNodePaths.itemMisfire(item), -1)));
        }
        return unit;
    }

    private List<MarkOp> claimUnit(int item, boolean monitor) {
        CachedNode entry = scope.cache().get(JobNodePaths.failoverEntry(item));
        List<MarkOp> unit = new ArrayList<>(3);
        unit.add(new MarkOp(item, Kind.DELETE_QUEUE_ENTRY, ops.delete(JobNodePaths.failoverEntry(item), entry == null ? -1 : entry.version())));
        unit.add(new MarkOp(item, Kind.CREATE_FAILOVER, ops.createEphemeral(JobNodePaths.itemFailover(item), instanceIdBytes)));
        if (monitor) {
            unit.add(new MarkOp(item, Kind.CREATE_RUNNING, ops.createEphemeral(JobNodePaths.itemRunning(item), instanceIdBytes)));
        }
        return unit;
    }

    private void sendAll(ZooKeeper handle, List<List<MarkOp>> units, Kind token, MarkOutcome outcome, Consumer<MarkOutcome> done) {
        List<List<List<MarkOp>>> groups = TransactionBudget.group(units, MarkTransactions::zookeeperOps);
        if (groups.isEmpty()) {
            done.accept(outcome);
            return;
        }
        AtomicInteger open = new AtomicInteger(groups.size());
        Runnable groupDone = () -> {
            if (open.decrementAndGet() == 0) {
                done.accept(outcome);
            }
        };
        for (List<List<MarkOp>> group : groups) {
            send(handle, group, token, outcome, 1, groupDone);
        }
    }

    private void send(ZooKeeper handle, List<List<MarkOp>> units, Kind token, MarkOutcome outcome, int attempt, Runnable groupDone) {
        List<MarkOp> flat = new ArrayList<>();
        units.forEach(flat::addAll);
        try {
            batcher.multi(handle, zookeeperOps(flat), (rc, path, ctx, results) ->
                    answered(handle, units, flat, token, outcome, attempt, groupDone, rc, results));
        } catch (RuntimeException ex) {
            outcome.failed(ex);
            groupDone.run();
        }
    }

    private void answered(ZooKeeper handle, List<List<MarkOp>> units, List<MarkOp> flat, Kind token, MarkOutcome outcome, int attempt,
                          Runnable groupDone, int rc, List<OpResult> results) {
        if (results == null) {
            KeeperException.Code code = KeeperException.Code.get(rc);
            if (code == KeeperException.Code.CONNECTIONLOSS) {
                // the marks may or may not exist: delete them once the same session is back
                List<String> inDoubt = new ArrayList<>();
                for (MarkOp each : flat) {
                    if (each.kind() == Kind.CREATE_RUNNING) {
                        inDoubt.add(JobNodePaths.itemRunning(each.item()));
                    } else if (each.kind() == Kind.CREATE_FAILOVER) {
                        inDoubt.add(JobNodePaths.itemFailover(each.item()));
                    }
                }
                stale.add(inDoubt);
            }
            outcome.failed(KeeperException.create(code));
            groupDone.run();
            return;
        }
        if (rc == KeeperException.Code.OK.intValue()) {
            for (int i = 0; i < results.size(); i++) {
                if (flat.get(i).kind() == token) {
                    outcome.started(flat.get(i).item(), MarkOps.createdZxid(results.get(i)));
                }
            }
            groupDone.run();
            return;
        }
        List<List<MarkOp>> again = new ArrayList<>(units);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult error && error.getErr() != KeeperException.Code.OK.intValue()
                    && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                refused(flat.get(i), KeeperException.Code.get(error.getErr()), again, outcome);
            }
        }
        if (again.isEmpty()) {
            groupDone.run();
        } else if (attempt < MAX_ATTEMPTS || again.size() == 1) {
            send(handle, again, token, outcome, attempt + 1, groupDone);
        } else {
            // refused again and again: each item alone, so that one cannot hold back the others
            AtomicInteger open = new AtomicInteger(again.size());
            for (List<MarkOp> unit : again) {
                send(handle, List.of(unit), token, outcome, MAX_ATTEMPTS, () -> {
                    if (open.decrementAndGet() == 0) {
                        groupDone.run();
                    }
                });
            }
        }
    }

    /** One operation was refused: leaves its item out, or mends its unit (a misfire mark that is gone). */
    private void refused(MarkOp op, KeeperException.Code code, List<List<MarkOp>> units, MarkOutcome outcome) {
        List<MarkOp> unit = units.stream().filter(each -> each.get(0).item() == op.item()).findFirst().orElse(null);
        if (unit == null) {
            return;
        }
        units.remove(unit);
        switch (op.kind()) {
            case DELETE_MISFIRE -> {
                scope.cache().forget(JobNodePaths.itemMisfire(op.item()));
                units.add(unit.stream().filter(each -> each.kind() != Kind.DELETE_MISFIRE).toList());
            }
            case CREATE_RUNNING -> {
                if (unit.stream().anyMatch(each -> each.kind() == Kind.DELETE_QUEUE_ENTRY)) {
                    LOG.info("Job '{}': item {} already runs elsewhere; its failover is done", scope.jobName(), op.item());
                    dropQueueEntry(op.item());
                } else {
                    LOG.debug("Item {} of job '{}' still runs elsewhere", op.item(), scope.jobName());
                }
                outcome.runningElsewhere(op.item());
            }
            default -> {
                LOG.debug("Item {} of job '{}' changed hands before it started ({})", op.item(), scope.jobName(), code);
                outcome.changedHands(op.item());
            }
        }
    }

    private void dropQueueEntry(int item) {
        CachedNode entry = scope.cache().get(JobNodePaths.failoverEntry(item));
        try {
            scope.client().delete().withVersion(entry == null ? -1 : entry.version()).inBackground()
                    .forPath(scope.paths().full(JobNodePaths.failoverEntry(item)));
        } catch (Exception ex) {
            LOG.debug("Cannot drop failover entry {} of job '{}'", item, scope.jobName(), ex);
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Deletes the checkpoints of items that completed normally, each together with a check of its
     * fence, through the session the items started in: a checkpoint whose item changed hands meanwhile
     * is left to its new owner. Best effort: a checkpoint that cannot be cleared stays.
     *
     * @param handle the session the items started in
     * @param items the items
     * @param fences their fences, in the same order
     * @param done called once every item is handled, on the ZooKeeper event thread
     */
    void clearCheckpoints(ZooKeeper handle, List<Integer> items, List<FencedCheckpoint.Fence> fences, Runnable done) {
        List<List<Op>> units = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            FencedCheckpoint.Fence fence = fences.get(i);
            units.add(List.of(ops.check(fence.path(), fence.version()), ops.delete(JobNodePaths.itemCheckpoint(items.get(i)), -1)));
        }
        List<List<List<Op>>> groups = TransactionBudget.group(units, unit -> unit);
        AtomicInteger open = new AtomicInteger(groups.size());
        Runnable groupDone = () -> {
            if (open.decrementAndGet() == 0) {
                done.run();
            }
        };
        for (List<List<Op>> group : groups) {
            List<Op> flat = new ArrayList<>();
            group.forEach(flat::addAll);
            multi(handle, flat, rc -> {
                if (rc == KeeperException.Code.OK.intValue() || group.size() == 1) {
                    groupDone.run();
                    return;
                }
                // one item changed hands or had no checkpoint left: the others one by one
                AtomicInteger left = new AtomicInteger(group.size());
                for (List<Op> unit : group) {
                    multi(handle, unit, each -> {
                        if (left.decrementAndGet() == 0) {
                            groupDone.run();
                        }
                    });
                }
            });
        }
    }

    private void multi(ZooKeeper handle, List<Op> flat, java.util.function.IntConsumer answered) {
        try {
            batcher.multi(handle, flat, (rc, path, ctx, results) -> answered.accept(rc));
        } catch (RuntimeException ex) {
            LOG.debug("Job '{}': cannot clear checkpoints now", scope.jobName(), ex);
            answered.accept(KeeperException.Code.CONNECTIONLOSS.intValue());
        }
    }

    // ------------------------------------------------------------------ end

    /**
     * Deletes the items' marks through the session they were made in; marks that cannot be deleted
     * now are given to {@link StaleMarks}. A session that is gone took its marks with it.
     *
     * @param handle the session the items started in
     * @param items the items
     * @param running whether they have running marks
     * @param failover whether they have failover marks
     * @param done called once every mark is handled, on the ZooKeeper event thread (or the caller's)
     */
    void end(ZooKeeper handle, List<Integer> items, boolean running, boolean failover, Runnable done) {
        List<String> marks = new ArrayList<>();
        for (Integer item : items) {
            if (running) {
                marks.add(JobNodePaths.itemRunning(item));
            }
            if (failover) {
                marks.add(JobNodePaths.itemFailover(item));
            }
        }
        List<List<String>> groups = TransactionBudget.group(marks, mark -> List.of(ops.delete(mark, -1)));
        Runnable finished = () -> {
            marks.forEach(mark -> scope.cache().forget(mark));
            done.run();
        };
        if (groups.isEmpty()) {
            finished.run();
            return;
        }
        AtomicInteger open = new AtomicInteger(groups.size());
        for (List<String> group : groups) {
            deleteTogether(handle, group, () -> {
                if (open.decrementAndGet() == 0) {
                    finished.run();
                }
            });
        }
    }

    private void deleteTogether(ZooKeeper handle, List<String> marks, Runnable done) {
        List<Op> deletes = new ArrayList<>(marks.size());
        marks.forEach(mark -> deletes.add(ops.delete(mark, -1)));
        try {
            batcher.multi(handle, deletes, (rc, path, ctx, results) -> {
                KeeperException.Code code = KeeperException.Code.get(rc);
                if (results == null && code == KeeperException.Code.SESSIONEXPIRED) {
                    LOG.debug("Job '{}': marks {} went with the session they were made in", scope.jobName(), marks);
                    done.run();
                } else if (results == null) {
                    LOG.warn("Cannot clear marks {} of job '{}' now; retrying when ZooKeeper is back: {}", marks, scope.jobName(), code);
                    stale.add(marks);
                    done.run();
                } else if (rc != KeeperException.Code.OK.intValue()) {
                    // a mark can be gone already (the job was removed): the others one by one
                    deleteEach(handle, marks, done);
                } else {
                    done.run();
                }
            });
        } catch (RuntimeException ex) {
            stale.add(marks);
            done.run();
        }
    }

    private void deleteEach(ZooKeeper handle, List<String> marks, Runnable done) {
        AtomicInteger open = new AtomicInteger(marks.size());
        for (String mark : marks) {
            handle.delete(ops.delete(mark, -1).getPath(), -1, (rc, path, ctx) -> {
                KeeperException.Code code = KeeperException.Code.get(rc);
                if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE && code != KeeperException.Code.SESSIONEXPIRED) {
                    LOG.warn("Cannot clear mark {} of job '{}' now; retrying when ZooKeeper is back: {}", mark, scope.jobName(), code);
                    stale.add(List.of(mark));
                }
                if (open.decrementAndGet() == 0) {
                    done.run();
                }
            }, null);
        }
    }

    private static List<Op> zookeeperOps(List<MarkOp> unit) {
        List<Op> result = new ArrayList<>(unit.size());
        unit.forEach(each -> result.add(each.op()));
        return result;
    }
}
