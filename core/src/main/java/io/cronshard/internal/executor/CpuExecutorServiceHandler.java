package io.cronshard.internal.executor;

/**
 * {@code CPU}, the default: up to twice the available processors of a job's items at once, on
 * threads shared by every job, held only while items run.
 */
public final class CpuExecutorServiceHandler extends SharedThreadsExecutorServiceHandler {

    @Override
    public String getType() {
        return "CPU";
    }

    @Override
    protected int concurrency() {
        return Runtime.getRuntime().availableProcessors() * 2;
    }
}
