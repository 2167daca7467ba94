package io.cronshard.internal.fire;

import io.cronshard.internal.events.ExecutionSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fire held back until the split is settled (the cache not loaded yet, or a re-split due), run
 * as soon as it is; any number of held-back fires make one, a manual one winning over the others.
 * Also the one-off runs waiting for their items to be handed out.
 */
final class PendingFire {

    private final AtomicReference<ExecutionSource> held = new AtomicReference<>();
    private final List<CompletableFuture<Void>> oneOffRuns = new ArrayList<>();

    void hold(ExecutionSource source) {
        held.accumulateAndGet(source, (previous, next) -> previous == ExecutionSource.MANUAL ? previous : next);
    }

    /** @return the held fire, taken, or null */
    ExecutionSource take() {
        return held.getAndSet(null);
    }

    synchronized void awaitDispatch(CompletableFuture<Void> run) {
        oneOffRuns.add(run);
    }

    synchronized void forget(CompletableFuture<Void> run) {
        oneOffRuns.remove(run);
    }

    /** Completes the one-off runs waiting: their items are handed out (or none are to run), or with the failure. */
    void dispatched(Exception failure) {
        List<CompletableFuture<Void>> waiting;
        synchronized (this) {
            waiting = new ArrayList<>(oneOffRuns);
            oneOffRuns.clear();
        }
        for (CompletableFuture<Void> each : waiting) {
            if (failure == null) {
                each.complete(null);
            } else {
                each.completeExceptionally(failure);
            }
        }
    }
}
