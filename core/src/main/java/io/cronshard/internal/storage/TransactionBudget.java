package io.cronshard.internal.storage;

import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.Op;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps every ZooKeeper transaction Cronshard sends well under the server's request limit
 * ({@code jute.maxbuffer}, 1 MiB by default): a request larger than that makes the server drop the
 * connection — the session every job of the registry center shares. Operations are measured as
 * they are sent (their serialized form) and grouped into transactions of at most
 * {@value #MAX_TRANSACTION_BYTES} bytes, half the default limit.
 */
public final class TransactionBudget {

    /** The most bytes of operations in one transaction. */
    public static final int MAX_TRANSACTION_BYTES = 512 * 1024;

    /** The multi request's per-operation header (type, done, error), and a margin. */
    private static final int PER_OPERATION = 9 + 16;

    private TransactionBudget() {
    }

    /**
     * @param op an operation
     * @return the bytes it takes in a transaction, from above
     */
    public static int bytes(Op op) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            op.toRequestRecord().serialize(BinaryOutputArchive.getArchive(out), "op");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.size() + PER_OPERATION;
    }

    /**
     * Splits a unit list (each unit: the operations that must be applied together) into
     * transactions that each stay within {@link #MAX_TRANSACTION_BYTES}; units are never split.
     *
     * @param units the units, in order
     * @param opsOf a unit's operations
     * @param <T> the unit type
     * @return the units grouped per transaction, in order; one group when everything fits
     * @throws IllegalArgumentException when a single unit is larger than a transaction may be
     */
    public static <T> List<List<T>> group(List<T> units, Function<T, List<Op>> opsOf) {
        List<List<T>> result = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long size = 0;
        for (T unit : units) {
            long unitSize = 0;
            for (Op op : opsOf.apply(unit)) {
                unitSize += bytes(op);
            }
            if (unitSize > MAX_TRANSACTION_BYTES) {
                throw new IllegalArgumentException("One unit of operations takes " + unitSize + " bytes, more than a transaction may hold ("
                        + MAX_TRANSACTION_BYTES + ")");
            }
            if (size + unitSize > MAX_TRANSACTION_BYTES && !current.isEmpty()) {
                result.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(unit);
            size += unitSize;
        }
        if (!current.isEmpty()) {
            result.add(current);
        }
        return result;
    }

    /**
     * @param ops operations
     * @return whether they fit in one transaction
     */
    public static boolean fits(List<Op> ops) {
        long size = 0;
        for (Op op : ops) {
            size += bytes(op);
            if (size > MAX_TRANSACTION_BYTES) {
                return false;
            }
        }
        return true;
    }
}
