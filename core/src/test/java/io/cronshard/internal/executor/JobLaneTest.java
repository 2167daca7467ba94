package io.cronshard.internal.executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A job's executor over shared threads: a cap per job, no thread of its own, threads reused. */
class JobLaneTest {

    private final ThreadPoolExecutor shared = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>());

    @AfterEach
    void tearDown() {
        shared.shutdownNow();
    }

    @Test
    void runsAtMostItsLimitAtOnceAndEveryTaskInTheEnd() throws Exception {
        JobLane lane = new JobLane(shared, 3, "capped");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            lane.execute(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.incrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 10);
        assertThat(most.get()).isEqualTo(3);
        assertThat(shared.getLargestPoolSize()).as("threads the lane ever used").isEqualTo(3);
    }

    @Test
    void tasksOneAfterAnotherReuseOneThreadAcrossJobs() throws Exception {
        ExecutorService first = new JobLane(shared, 4, "first");
        ExecutorService second = new JobLane(shared, 4, "second");
        for (int i = 0; i < 20; i++) {
            (i % 2 == 0 ? first : second).submit(() -> { }).get(5, TimeUnit.SECONDS);
            // the thread is back in the pool once the lane has let it go
            await().atMost(Duration.ofSeconds(5)).until(() -> shared.getActiveCount() == 0);
        }
        assertThat(shared.getLargestPoolSize()).isEqualTo(1);
    }

    @Test
    void aThreadIsNamedAfterTheJobWhileItRunsItsTask() throws Exception {
        ExecutorService lane = new JobLane(shared, 1, "orders");
        assertThat(lane.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS)).isEqualTo("cronshard-orders");
    }

    @Test
    void shutdownNowInterruptsRunningTasksReturnsQueuedOnesAndRefusesNewOnes() throws Exception {
        JobLane lane = new JobLane(shared, 1, "stopping");
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        lane.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ex) {
                interrupted.set(true);
            }
        });
        lane.execute(() -> { });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        List<Runnable> notRun = lane.shutdownNow();

        assertThat(notRun).hasSize(1);
        assertThat(lane.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        assertThatThrownBy(() -> lane.execute(() -> { })).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void anInterruptMeantForOneTaskDoesNotReachTheNext() throws Exception {
        JobLane lane = new JobLane(shared, 1, "clean");
        lane.submit(() -> Thread.currentThread().interrupt()).get(5, TimeUnit.SECONDS);
        assertThat(lane.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void theFallbackPoolReusesAnIdleThreadBeforeStartingAnother() throws Exception {
        ThreadPoolExecutor own = (ThreadPoolExecutor) ElasticThreadPools.create("fallback", 8);
        try {
            for (int i = 0; i < 10; i++) {
                own.submit(() -> { }).get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5)).until(() -> own.getActiveCount() == 0);
            }
            assertThat(own.getLargestPoolSize()).isEqualTo(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            for (int i = 0; i < 12; i++) {
                own.execute(() -> {
                    running.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 8);
            assertThat(own.getPoolSize()).isEqualTo(8);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 12);
        } finally {
            own.shutdownNow();
        }
    }
}
