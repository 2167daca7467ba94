package io.cronshard.benchmarks.chart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartFileTest {

    @Test
    void writesPanelsAsOnePngGridWithAPartlyEmptyLastRow(@TempDir Path dir) throws Exception {
        Panel growth = Panel.of("cost", "jobs", "ms").logX().fromZero()
                .series("measured", Map.of(100, 1.0, 1000, 15.0, 5000, 120.0))
                .linearFromFirstPoint("measured");
        Panel flat = Panel.of("threads", "jobs", "threads").series("live", Map.of(100, 15, 1000, 15));
        Panel empty = Panel.of("nothing yet", "x", "y");

        Path file = ChartFile.writePng(dir.resolve("charts"), "curve", 2, List.of(growth, flat, empty));

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(file.getFileName().toString()).isEqualTo("curve.png");
        assertThat(image.getWidth()).isEqualTo(2 * ChartFile.PANEL_WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * ChartFile.PANEL_HEIGHT);
        assertThat(growth.seriesNames()).containsExactly("measured", "measured if linear");
        assertThat(empty.isEmpty()).isTrue();
    }

    @Test
    void pointsALogarithmicAxisCannotShowAreLeftOut() {
        Panel panel = Panel.of("t", "x", "y").logX().series("s", Map.of(0, 1.0, 10, 2.0)).series("nothing", Map.of(0, 1.0));
        assertThat(panel.seriesNames()).containsExactly("s");
    }
}
