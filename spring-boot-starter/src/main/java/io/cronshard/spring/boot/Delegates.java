package io.cronshard.spring.boot;

import java.util.List;
import java.util.function.Consumer;

/** Calling every delegate of a composite hook, whatever one of them throws. */
final class Delegates {

    private Delegates() {
    }

    /**
     * Calls each delegate in order; a delegate that throws does not keep the others from being called.
     *
     * @param delegates the delegates
     * @param call what to call on each
     * @param <T> the hook's type
     * @throws RuntimeException the first delegate's failure, with the later ones suppressed in it
     */
    static <T> void callEach(List<T> delegates, Consumer<T> call) {
        RuntimeException first = null;
        for (T each : delegates) {
            try {
                call.accept(each);
            } catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
