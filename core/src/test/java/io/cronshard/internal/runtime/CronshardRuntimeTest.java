package io.cronshard.internal.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JVM's one runtime: shared while referenced, gone with the last release. */
class CronshardRuntimeTest {

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(each -> each.getName().startsWith(prefix) && each.isAlive()).count();
    }

    @Test
    void everyJobSharesOneRuntimeAndTheLastReleaseStopsItsThreads() throws Exception {
        CronshardRuntime first = CronshardRuntime.acquire();
        CronshardRuntime second = CronshardRuntime.acquire();
        assertThat(second).isSameAs(first);
        CountDownLatch ran = new CountDownLatch(1);
        first.itemThreads().execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();

        first.release();
        assertThat(CronshardRuntime.acquire()).as("still referenced").isSameAs(first).satisfies(CronshardRuntime::release);
        second.release();

        await().atMost(Duration.ofSeconds(20)).until(() -> threads("cronshard-quartz") + threads("cronshard-dispatch") + threads("cronshard-item") == 0);
        CronshardRuntime next = CronshardRuntime.acquire();
        try {
            assertThat(next).as("a new one after the last release").isNotSameAs(first);
        } finally {
            next.release();
        }
    }

    @Test
    void anInstanceIdIsTakenOnceInTheJvm() {
        CronshardRuntime runtime = CronshardRuntime.acquire();
        try {
            assertThat(runtime.instanceIds().reserve("ns|job|10.0.0.1@-@1")).isTrue();
            assertThat(runtime.instanceIds().reserve("ns|job|10.0.0.1@-@1")).isFalse();
            runtime.instanceIds().release("ns|job|10.0.0.1@-@1");
            assertThat(runtime.instanceIds().reserve("ns|job|10.0.0.1@-@1")).isTrue();
        } finally {
            runtime.release();
        }
    }

    @Test
    void noDumpPortIsOpenedUnlessOneIsConfigured() {
        CronshardRuntime runtime = CronshardRuntime.acquire();
        try {
            runtime.registerDump("job", () -> "dump").run();
            assertThat(runtime.dumpPort()).isEqualTo(-1);
        } finally {
            runtime.release();
        }
    }
}
