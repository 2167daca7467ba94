package io.cronshard.internal.executor;

/** {@code SINGLE_THREAD}: a job's items run one after another, on a thread held only while they run. */
public final class SingleThreadExecutorServiceHandler extends SharedThreadsExecutorServiceHandler {

    @Override
    public String getType() {
        return "SINGLE_THREAD";
    }

    @Override
    protected int concurrency() {
        return 1;
    }
}
