package io.cronshard.benchmarks.soak;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoakScenarioTest {

    @Test
    void theSlopeOfAFlatSeriesIsZeroAndOfALeakItsGrowthPerMinute() {
        assertThat(SoakScenario.slope(new double[] {10, 10, 10, 10})).isZero();
        assertThat(SoakScenario.slope(new double[] {10, 10.5, 11, 11.5})).isCloseTo(0.5, within(1e-9));
        assertThat(SoakScenario.slope(new double[] {7})).isZero();
    }
}
