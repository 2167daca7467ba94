package io.cronshard.spring.boot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binding of every {@code JobMetrics} signal, called directly: the runtime does not report missed fires, overdue and
 * unowned items yet, so their meters are proven here and the others also against a real job (CronshardMetricsTest).
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
    void itemMetersCarryTheItemOnlyWhenAsked() {
        MicrometerJobMetrics metrics = new MicrometerJobMetrics(meters, true);
        metrics.itemCompleted("orders", 7, "FAILOVER", true, Duration.ofMillis(1));
        metrics.itemOverdue("orders", 7, Duration.ofMinutes(1));
        metrics.itemUnowned("orders", 8, Duration.ofMinutes(1));
        metrics.fireMissed("orders", "DISABLED", 1);

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
}
