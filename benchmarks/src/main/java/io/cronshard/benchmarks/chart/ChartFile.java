package io.cronshard.benchmarks.chart;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes panels as one PNG image, in a grid (the last row may be partly empty), drawn by XChart. The image is produced by the run that
 * measured its figures, never drawn by hand; a later run overwrites it. AWT runs headless.
 */
public final class ChartFile {

    /** Width of one panel in pixels. */
    public static final int PANEL_WIDTH = 640;

    /** Height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 500;

    private ChartFile() {
    }

    /**
     * @param directory where the image goes; created when missing
     * @param name the file name without extension, e.g. {@code jobs}
     * @param columns panels per row
     * @param panels the plots, row by row
     * @return the written file ({@code directory/name.png})
     * @throws IOException when it cannot be written
     */
    public static Path writePng(Path directory, String name, int columns, List<Panel> panels) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("A chart needs at least one panel");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Files.createDirectories(directory);
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage grid = new BufferedImage(cols * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                XYChart chart = panels.get(i).toChart(PANEL_WIDTH, PANEL_HEIGHT);
                g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % cols) * PANEL_WIDTH, (i / cols) * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        Path file = directory.resolve(name + ".png");
        if (!ImageIO.write(grid, "png", file.toFile())) {
            throw new IOException("No PNG writer in this JVM");
        }
        return file;
    }
}
