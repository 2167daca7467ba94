package io.cronshard.spring.boot;

import io.cronshard.api.listener.JobAlarm;
import io.cronshard.api.listener.JobAlarmListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompositeJobAlarmListenerTest {

    private final JobAlarm alarm = new JobAlarm("orders", JobAlarm.Kind.FIRE_MISSED, "ITEM_RUNNING", List.of(1, 2), Duration.ZERO,
            "192.0.2.1@-@1", Instant.now());

    @Test
    void everyListenerHearsTheAlarmInOrderAndThoseThatThrowDoNotSilenceTheOthers() {
        List<String> heard = new CopyOnWriteArrayList<>();
        JobAlarmListener composite = CompositeJobAlarmListener.of(List.of(
                each -> {
                    heard.add("first");
                    throw new IllegalStateException("first is broken");
                },
                each -> heard.add("second " + each.getItems()),
                each -> {
                    heard.add("third");
                    throw new IllegalArgumentException("third is broken");
                },
                each -> heard.add("fourth")));

        assertThatThrownBy(() -> composite.onAlarm(alarm)).hasMessage("first is broken")
                .satisfies(ex -> assertThat(ex.getSuppressed()).extracting(Throwable::getMessage).containsExactly("third is broken"));
        assertThat(heard).containsExactly("first", "second [1, 2]", "third", "fourth");
    }

    @Test
    void noneOrOneListenerIsNotWrapped() {
        JobAlarmListener one = each -> { };
        assertThat(CompositeJobAlarmListener.of(List.of())).isSameAs(JobAlarmListener.NONE);
        assertThat(CompositeJobAlarmListener.of(List.of(one))).isSameAs(one);
    }
}
