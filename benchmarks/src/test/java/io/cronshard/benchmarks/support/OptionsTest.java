package io.cronshard.benchmarks.support;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void aScopedOptionOverridesThePlainOneForItsScenarioOnly() {
        Options options = new Options(List.of("jobs=100,500", "together.jobs=200", "seconds=5"));
        assertThat(options.forScenario("together").intList("jobs", "1")).containsExactly(200);
        assertThat(options.forScenario("jobs").intList("jobs", "1")).containsExactly(100, 500);
        assertThat(options.forScenario("soak").intValue("seconds", 1)).isEqualTo(5);
        assertThat(options.forScenario("soak").intValue("jobs.jobs", 7)).isEqualTo(7);
    }

    @Test
    void scopedKeysMustBeKnownToTheirScenario() {
        Map<String, List<String>> byScenario = Map.of("soak", List.of("minutes", "jobs"), "fire", List.of("items"));
        new Options(List.of("soak.minutes=2", "items=3")).requireKnown(List.of("minutes", "jobs", "items"), byScenario);
        assertThatThrownBy(() -> new Options(List.of("soak.items=3")).requireKnown(List.of("minutes", "jobs", "items"), byScenario))
                .hasMessageContaining("soak.items");
        assertThatThrownBy(() -> new Options(List.of("nosuch.items=3")).requireKnown(List.of("items"), byScenario))
                .hasMessageContaining("nosuch.items");
    }

    @Test
    void readsOnOffAndTheChartsDirectory() {
        Options options = new Options(List.of("monitor=on,off", "charts=../docs/images", "flag=yes"));
        assertThat(options.onOffList("monitor", "on")).containsExactly(true, false);
        assertThat(options.onOff("flag", false)).isTrue();
        assertThat(options.onOff("missing", true)).isTrue();
        assertThat(options.chartsDirectory()).isEqualTo(Paths.get("../docs/images"));
        assertThat(new Options(List.of()).chartsDirectory()).isEqualTo(Paths.get("target/charts"));
        assertThatThrownBy(() -> new Options(List.of("monitor=maybe")).onOff("monitor", true)).hasMessageContaining("monitor");
    }
}
