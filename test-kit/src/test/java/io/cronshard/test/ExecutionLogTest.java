package io.cronshard.test;

import io.cronshard.metrics.JobMetrics;
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

/** The recorder an observed job gets in front of its own metrics hook. */
class ExecutionLogTest {

    @Test
    void theRecorderPassesEverySignalOnToTheJobsOwnHook() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        JobMetrics own = (JobMetrics) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JobMetrics.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return null;
                });
        ExecutionLog log = new ExecutionLog();
        JobMetrics recorder = log.recorder(own, () -> "192.0.2.1@-@1");

        List<String> signals = new ArrayList<>();
        for (Method signal : JobMetrics.class.getMethods()) {
            if (!Modifier.isStatic(signal.getModifiers())) {
                signal.invoke(recorder, arguments(signal));
                signals.add(signal.getName());
            }
        }

        assertThat(signals).contains("itemRetried", "itemCompleted");
        assertThat(calls).containsExactlyElementsOf(signals);
        assertThat(log.size()).isEqualTo(1);
    }

    private static Object[] arguments(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(type -> type == String.class ? "regions" : type == int.class ? 1
                : type == boolean.class ? true : type == Duration.class ? Duration.ofMillis(1) : null).toArray();
    }
}
