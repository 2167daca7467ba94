package io.cronshard.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkMainTest {

    @Test
    void namesTheScenariosAndChecksTheirOptionsWithoutRunningAnything() {
        assertThat(BenchmarkMain.scenarios(List.of("soak", "minutes=2", "jobs=20", "together", "together.jobs=200", "charts=/tmp/x")))
                .containsExactly("soak", "together");
        assertThatThrownBy(() -> BenchmarkMain.scenarios(List.of("sok"))).hasMessageContaining("sok");
        assertThatThrownBy(() -> BenchmarkMain.scenarios(List.of("soak", "minuts=2"))).hasMessageContaining("minuts");
        assertThatThrownBy(() -> BenchmarkMain.scenarios(List.of("soak", "soak.ensemble=3"))).hasMessageContaining("soak.ensemble");
    }
}
