package io.cronshard.spring.boot;

import io.cronshard.metrics.JobMetrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binding of every {@code JobMetrics} signal, called directly; executions and retries are also proven against a real
 * job (CronshardMetricsTest, ExecutionControlPropertiesTest).
 */
class MicrometerJobMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void executionsLatenciesAndFiresAreTimersTaggedByJobSourceAndResult() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters);
        metrics.fireStarted("orders", "NORMAL", 2, Duration.ofMillis(40));
        metrics.itemCompleted("orders", 0, "NORMAL", true, Duration.ofMillis(100));
        metrics.itemCompleted("orders", 1, "NORMAL", false, Duration.ofMillis(300));
        metrics.fireCompleted("orders", "NORMAL", false, Duration.ofMillis(310));

        assertThat(meters.get("cronshard.fire.latency").tags("job", "orders", "source", "NORMAL").timer().totalTime(
                java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(meters.get("cronshard.item.duration").tags("job", "orders", "source", "NORMAL", "result", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.item.duration").tags("job", "orders", "source", "NORMAL", "result", "failure").timer().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.fire.duration").tags("job", "orders", "result", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void missedFiresCountItemsByReason() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters);
        metrics.fireMissed("orders", "ITEM_RUNNING", 2);
        metrics.fireMissed("orders", "ITEM_RUNNING", 1);
        metrics.fireMissed("orders", "SUSPENDED", 4);

        assertThat(meters.get("cronshard.fire.missed").tags("job", "orders", "reason", "ITEM_RUNNING").counter().count()).isEqualTo(3);
        assertThat(meters.get("cronshard.fire.missed").tags("job", "orders", "reason", "SUSPENDED").counter().count()).isEqualTo(4);
        assertThat(meters.find("cronshard.fire.missed").tags("reason", "NO_OWNER").counter()).isNull();
    }

    @Test
    void overdueAndUnownedItemsAreCountedPerJob() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters);
        metrics.itemOverdue("orders", 3, Duration.ofMinutes(5));
        metrics.itemOverdue("orders", 4, Duration.ofMinutes(6));
        metrics.itemUnowned("orders", 3, Duration.ofMinutes(2));

        assertThat(meters.get("cronshard.item.overdue").tags("job", "orders").counter().count()).isEqualTo(2);
        assertThat(meters.get("cronshard.item.unowned").tags("job", "orders").counter().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.item.overdue").counters()).allSatisfy(counter -> assertThat(counter.getId().getTag("item")).isNull());
    }

    @Test
    void retriedItemsAreCountedPerJob() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters);
        metrics.itemRetried("orders", 3, 1, Duration.ofSeconds(1));
        metrics.itemRetried("orders", 3, 2, Duration.ofSeconds(2));
        metrics.itemRetried("orders", 5, 1, Duration.ofSeconds(1));
        metrics.itemRetried("billing", 0, 1, Duration.ZERO);

        assertThat(meters.get("cronshard.item.retries").tags("job", "orders").counter().count()).isEqualTo(3);
        assertThat(meters.get("cronshard.item.retries").tags("job", "billing").counter().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.item.retries").counters()).allSatisfy(counter -> {
            assertThat(counter.getId().getTags()).extracting(Tag::getKey).containsExactly("job");
            assertThat(counter.getId().getDescription()).isNotBlank();
        });
    }

    @Test
    void itemMetersCarryTheItemOnlyWhenAsked() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters, true);
        metrics.itemCompleted("orders", 7, "FAILOVER", true, Duration.ofMillis(1));
        metrics.itemOverdue("orders", 7, Duration.ofMinutes(1));
        metrics.itemUnowned("orders", 8, Duration.ofMinutes(1));
        metrics.fireMissed("orders", "DISABLED", 1);
        metrics.itemRetried("orders", 9, 1, Duration.ofSeconds(1));
        metrics.itemRetried("orders", 9, 2, Duration.ofSeconds(2));

        assertThat(meters.get("cronshard.item.retries").tags("job", "orders", "item", "9").counter().count()).isEqualTo(2);
        assertThat(meters.get("cronshard.item.duration").tags("job", "orders", "item", "7", "source", "FAILOVER").timer().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.item.overdue").tags("item", "7").counter().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.item.unowned").tags("item", "8").counter().count()).isEqualTo(1);
        assertThat(meters.get("cronshard.fire.missed").counter().getId().getTag("item")).isNull();
    }

    @Test
    void severalJobMetricsBeansAreEachCalledAndOneThatThrowsDoesNotSilenceTheOthers() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters);
        io.cronshard.metrics.JobMetrics failing = new io.cronshard.metrics.JobMetrics() {
            @Override
            public void fireMissed(String jobName, String reason, int items) {
                throw new IllegalStateException("broken hook");
            }
        };
        io.cronshard.metrics.JobMetrics composite = CompositeJobMetrics.of(java.util.List.of(failing, metrics));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> composite.fireMissed("orders", "NO_OWNER", 2)).hasMessage("broken hook");
        assertThat(meters.get("cronshard.fire.missed").tags("reason", "NO_OWNER").counter().count()).isEqualTo(2);
        assertThat(CompositeJobMetrics.of(java.util.List.of(metrics))).isSameAs(metrics);
    }

    @Test
    void everySignalHasAMeter() {
        assertThat(signals()).allSatisfy(signal -> assertThat(declares(MicrometerJobMetrics.class, signal)).as(signal.getName()).isTrue());
    }

    @Test
    void severalJobMetricsBeansEachHearEverySignal() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        JobMetrics composite = CompositeJobMetrics.of(List.of(recording(first), recording(second)));
        List<String> names = new ArrayList<>();
        for (Method signal : signals()) {
            signal.invoke(composite, arguments(signal));
            names.add(signal.getName());
        }
        assertThat(names).contains("itemRetried");
        assertThat(first).containsExactlyElementsOf(names);
        assertThat(second).containsExactlyElementsOf(names);
    }

    /** @return every method of JobMetrics the runtime calls */
    private static List<Method> signals() {
        return Arrays.stream(JobMetrics.class.getMethods()).filter(method -> !Modifier.isStatic(method.getModifiers())).toList();
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException ex) {
            return false;
        }
    }

    /** A hook that notes the name of every method called on it. */
    private static JobMetrics recording(List<String> calls) {
        return (JobMetrics) Proxy.newProxyInstance(MicrometerJobMetricsTest.class.getClassLoader(), new Class<?>[] {JobMetrics.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
    }

    private static Object[] arguments(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(type -> type == String.class ? "orders" : type == int.class ? 1
                : type == boolean.class ? true : type == Duration.class ? Duration.ofMillis(1) : null).toArray();
    }
}
