package io.cronshard.benchmarks.chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One x-y plot of a chart: measured series drawn as lines with markers, and reference lines
 * (dashed) such as "what linear growth from the first point would give", so that a curve that
 * grows faster than linearly shows against it. On a logarithmic axis, points that are zero or
 * negative cannot be drawn and are left out.
 */
public final class Panel {

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private boolean logX;
    private boolean logY;
    private boolean fromZero;
    private final Map<String, NavigableMap<Double, Double>> series = new LinkedHashMap<>();
    private final List<String> references = new ArrayList<>();

    private Panel(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * @param title the panel's title
     * @param xTitle the x axis's title
     * @param yTitle the y axis's title
     * @return an empty panel
     */
    public static Panel of(String title, String xTitle, String yTitle) {
        return new Panel(title, xTitle, yTitle);
    }

    /** @return this, with a logarithmic x axis */
    public Panel logX() {
        logX = true;
        return this;
    }

    /** @return this, with a logarithmic y axis */
    public Panel logY() {
        logY = true;
        return this;
    }

    /** @return this, with a y axis that starts at zero (counts that should stay flat look flat) */
    public Panel fromZero() {
        fromZero = true;
        return this;
    }

    /**
     * @param name the series' legend
     * @param points x → y; NaN values are left out
     * @return this
     */
    public Panel series(String name, Map<? extends Number, ? extends Number> points) {
        NavigableMap<Double, Double> sorted = new TreeMap<>();
        points.forEach((x, y) -> {
            double xv = x.doubleValue();
            double yv = y.doubleValue();
            if (!Double.isNaN(xv) && !Double.isNaN(yv) && !Double.isInfinite(yv)
                    && (!logX || xv > 0) && (!logY || yv > 0)) {
                sorted.put(xv, yv);
            }
        });
        if (!sorted.isEmpty()) {
            series.put(name, sorted);
        }
        return this;
    }

    /**
     * Adds a dashed line through the first point of a series with a slope that makes y
     * proportional to x: where the measured series rises above it, the cost grows faster than
     * linearly.
     *
     * @param of the measured series' name
     * @return this
     */
    public Panel linearFromFirstPoint(String of) {
        NavigableMap<Double, Double> measured = series.get(of);
        if (measured == null || measured.firstKey() == 0) {
            return this;
        }
        Map<Double, Double> line = new TreeMap<>();
        double x0 = measured.firstKey();
        double y0 = measured.firstEntry().getValue();
        measured.keySet().forEach(x -> line.put(x, y0 * x / x0));
        String name = of + " if linear";
        series(name, line);
        references.add(name);
        return this;
    }

    /** @return whether no series has a point */
    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** @return the series' names, measured and reference */
    public List<String> seriesNames() {
        return List.copyOf(series.keySet());
    }

    /** @return the panel's title */
    public String title() {
        return title;
    }

    XYChart toChart(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(7);
        if (fromZero && !logY) {
            chart.getStyler().setYAxisMin(0.0);
        }
        if (isEmpty()) {
            // XChart cannot draw an empty chart; say so on the image instead of failing the run
            chart.setTitle(title + " (no data)");
            chart.addSeries("no data", new double[] {1}, new double[] {1});
            return chart;
        }
        series.forEach((name, points) -> {
            double[] xs = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            XYSeries each = chart.addSeries(name, xs, ys);
            if (references.contains(name)) {
                each.setLineStyle(SeriesLines.DASH_DASH);
                each.setMarker(SeriesMarkers.NONE);
                each.setLineColor(Color.GRAY);
            }
        });
        return chart;
    }
}
