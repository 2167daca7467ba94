package io.cronshard.spring.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;

import java.util.concurrent.CountDownLatch;

/** Runs until {@link #release()}, whatever interrupts it: a body that ignores its timeout. */
public class StubbornJob implements SimpleJob {

    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void execute(ShardingContext context) {
        boolean interrupted = false;
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void release() {
        released.countDown();
    }
}
