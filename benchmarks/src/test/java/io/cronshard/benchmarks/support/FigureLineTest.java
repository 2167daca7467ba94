package io.cronshard.benchmarks.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FigureLineTest {

    @Test
    void readsBackWhatFiguresPrints() {
        String line = Figures.format("jobs", "jobs=500 items=2", "registeredAllMs", 1234L);
        FigureLine figure = FigureLine.parse(line).orElseThrow();
        assertThat(figure.scenario()).isEqualTo("jobs");
        assertThat(figure.context()).containsExactly(Map.entry("jobs", "500"), Map.entry("items", "2"));
        assertThat(figure.name()).isEqualTo("registeredAllMs");
        assertThat(figure.number()).isEqualTo(1234.0);
        assertThat(figure.contextNumber("jobs")).isEqualTo(500.0);
    }

    @Test
    void aFigureMayShareItsNameWithAContextKey() {
        FigureLine figure = FigureLine.parse("together jobs=200 items=1 seconds=20").orElseThrow();
        assertThat(figure.context()).containsOnlyKeys("jobs", "items");
        assertThat(figure.name()).isEqualTo("seconds");
    }

    @Test
    void otherLinesAreNoFigures() {
        assertThat(FigureLine.parse("| minute | heap |")).isEmpty();
        assertThat(FigureLine.parse("READY 10.0.0.1@-@42")).isEmpty();
        assertThat(FigureLine.parse("")).isEmpty();
        assertThat(FigureLine.parse("fire-cost instances=3 requestsByOperation={multi=30}").orElseThrow().number()).isNaN();
    }

    @Test
    void aTableDrawsCurvesAgainstAContextKey() {
        FigureTable table = new FigureTable();
        for (String each : List.of("instances ensemble=1 instances=1 reshardMs=10", "instances ensemble=1 instances=5 reshardMs=50",
                "instances ensemble=3 instances=5 reshardMs=70", "instances ensemble=1 instances=5 other=1")) {
            table.add(FigureLine.parse(each).orElseThrow());
        }
        assertThat(table.curve("reshardMs", "instances", Map.of("ensemble", "1"))).containsExactly(Map.entry(1.0, 10.0), Map.entry(5.0, 50.0));
        assertThat(table.curve("reshardMs", "instances")).containsEntry(5.0, 70.0);
    }
}
