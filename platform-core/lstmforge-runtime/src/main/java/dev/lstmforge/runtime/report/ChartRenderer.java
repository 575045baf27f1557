package dev.lstmforge.runtime.report;

import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.HeatmapSpec;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@link ChartSpec}s and training loss curves as 900x450 PNG line charts, and
 * {@link HeatmapSpec}s as 640x560 PNG heatmaps, with XChart.
 *
 * <p>Rendering needs no display: loading this class sets {@code java.awt.headless=true} unless
 * the property was already set. Non-finite y values break the line at that point; points whose x
 * value is not finite are dropped. A chart without a single finite point is still drawn, with a
 * "no data" note. A heatmap shows each cell's value on a white-to-blue scale, with the colour
 * key on the right; row 0 is at the top.
 */
public final class ChartRenderer {

    /** Width of every rendered PNG in pixels. */
    public static final int WIDTH = 900;

    /** Height of every rendered PNG in pixels. */
    public static final int HEIGHT = 450;

    /** Width of every rendered heatmap PNG in pixels. */
    public static final int HEATMAP_WIDTH = 640;

    /** Height of every rendered heatmap PNG in pixels. */
    public static final int HEATMAP_HEIGHT = 560;

    /** Lowest to highest value: white to mid blue, light enough for black digits in every cell. */
    private static final Color[] HEAT_COLORS = {Color.WHITE, new Color(0x9ECAE1), new Color(0x4292C6)};

    /** Series longer than this are drawn as plain lines, shorter ones with point markers. */
    private static final int MARKER_LIMIT = 60;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartRenderer() {}

    /**
     * Draws a chart spec to a PNG file, creating parent directories as needed.
     *
     * @param spec the chart
     * @param png the file to write, conventionally ending in {@code .png}
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path render(ChartSpec spec, Path png) throws IOException {
        return save(toChart(spec), png);
    }

    /**
     * Draws training and validation loss per epoch to a PNG file and marks the kept epoch with a
     * vertical line and a highlighted point.
     *
     * @param history the training run
     * @param title the chart title
     * @param png the file to write
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path renderLoss(TrainingHistory history, String title, Path png) throws IOException {
        return save(lossChart(history, title), png);
    }

    /**
     * Draws a heatmap spec to a PNG file of {@link #HEATMAP_WIDTH} x {@link #HEATMAP_HEIGHT},
     * creating parent directories as needed.
     *
     * @param spec the heatmap
     * @param png the file to write, conventionally ending in {@code .png}
     * @return {@code png}
     * @throws IOException if the file cannot be written
     */
    public static Path render(HeatmapSpec spec, Path png) throws IOException {
        return save(toChart(spec), png);
    }

    /**
     * Builds the XChart heatmap for a heatmap spec without drawing it: one cell per matrix value
     * showing the value, row 0 at the top, column labels turned when they would overlap.
     *
     * @param spec the heatmap
     * @return the chart, ready for {@link BitmapEncoder}
     */
    public static HeatMapChart toChart(HeatmapSpec spec) {
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(HEATMAP_WIDTH)
                .height(HEATMAP_HEIGHT)
                .title(spec.title())
                .xAxisTitle(orEmpty(spec.xLabel()))
                .yAxisTitle(orEmpty(spec.yLabel()))
                .build();
        HeatMapStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPlotGridLinesVisible(false);
        styler.setAntiAlias(true);
        styler.setRangeColors(HEAT_COLORS);
        styler.setDrawBorder(true);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, spec.columns().size() > 15 ? 9 : 12));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0.##");
        int longest = spec.columns().stream().mapToInt(String::length).max().orElse(0);
        // about 7 px per character of an 11 pt label, against the plot width shared by the columns
        if (longest * 7 > (HEATMAP_WIDTH - 200) / spec.columns().size()) {
            styler.setXAxisLabelRotation(45);
        }
        int rows = spec.rows().size();
        int columns = spec.columns().size();
        List<String> yTop = new ArrayList<>(spec.rows());
        Collections.reverse(yTop); // XChart puts y index 0 at the bottom
        List<Number[]> cells = new ArrayList<>(rows * columns);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double v = spec.value(r, c);
                min = Math.min(min, v);
                max = Math.max(max, v);
                cells.add(new Number[] {c, rows - 1 - r, v});
            }
        }
        chart.addSeries(spec.title(), spec.columns(), yTop, cells)
                .setMin(min)
                .setMax(max > min ? max : min + 1); // a flat matrix would divide by zero on the scale
        return chart;
    }

    /**
     * Builds the XChart chart for a chart spec without drawing it.
     *
     * @param spec the chart
     * @return the chart, ready for {@link BitmapEncoder}
     */
    public static XYChart toChart(ChartSpec spec) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(spec.title())
                .xAxisTitle(orEmpty(spec.xLabel()))
                .yAxisTitle(orEmpty(spec.yLabel()))
                .build();
        style(chart.getStyler());
        Set<String> names = new HashSet<>();
        boolean anyFinite = false;
        for (ChartSpec.Series s : spec.series()) {
            double[][] xy = clean(s.x(), s.y());
            anyFinite |= Arrays.stream(xy[1]).anyMatch(Double::isFinite);
            XYSeries series = chart.addSeries(uniqueName(s.name(), names), xy[0], xy[1]);
            boolean longSeries = xy[0].length > MARKER_LIMIT;
            switch (s.style()) {
                case AREA -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    series.setMarker(SeriesMarkers.NONE);
                }
                case MARKERS -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.CIRCLE);
                }
                default -> series.setMarker(longSeries ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        if (!anyFinite) {
            // XChart cannot scale axes without data; give it a unit box and say why it is empty.
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            chart.addAnnotation(new AnnotationText("no data", 0.5, 0.5, false));
        }
        return chart;
    }

    /**
     * Builds the loss-curve chart of a training run without drawing it.
     *
     * @param history the training run
     * @param title the chart title
     * @return the chart
     */
    public static XYChart lossChart(TrainingHistory history, String title) {
        List<EpochRecord> epochs = history.epochs();
        double[] x = new double[epochs.size()];
        double[] train = new double[x.length];
        double[] validation = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
            train[i] = epochs.get(i).trainLoss();
            validation[i] = epochs.get(i).validationLoss();
        }
        XYChart chart = toChart(new ChartSpec(
                title,
                "epoch",
                "loss",
                List.of(
                        new ChartSpec.Series("train loss", x, train),
                        new ChartSpec.Series("validation loss", x, validation))));
        int best = history.bestEpoch();
        if (best >= 1 && best <= epochs.size()) {
            EpochRecord kept = history.best();
            double y = Double.isFinite(kept.validationLoss()) ? kept.validationLoss() : kept.trainLoss();
            chart.addAnnotation(new AnnotationLine(kept.epoch(), true, false));
            if (Double.isFinite(y)) {
                XYSeries point =
                        chart.addSeries("best epoch " + kept.epoch(), new double[] {kept.epoch()}, new double[] {y});
                point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                point.setMarker(SeriesMarkers.DIAMOND);
                point.setMarkerColor(Color.RED);
            }
        }
        return chart;
    }

    private static void style(XYStyler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAnnotationLineColor(new Color(200, 0, 0, 140));
        styler.setMarkerSize(5);
        styler.setAntiAlias(true);
        // Long integer x axes (days, epochs) otherwise get a label at every few points.
        styler.setXAxisTickMarkSpacingHint(90);
    }

    /**
     * Drops points with a non-finite x and turns infinite y values into line breaks (NaN). An
     * empty result becomes one NaN point, since XChart refuses empty series.
     */
    private static double[][] clean(double[] x, double[] y) {
        int n = 0;
        double[] cx = new double[x.length];
        double[] cy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) {
                cx[n] = x[i];
                cy[n] = Double.isFinite(y[i]) ? y[i] : Double.NaN;
                n++;
            }
        }
        if (n == 0) {
            return new double[][] {{0}, {Double.NaN}};
        }
        return new double[][] {Arrays.copyOf(cx, n), Arrays.copyOf(cy, n)};
    }

    /** XChart rejects duplicate series names, so repeated names get a counter. */
    private static String uniqueName(String name, Set<String> used) {
        String base = name.isBlank() ? "series" : name;
        String candidate = base;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = base + " (" + i + ")";
        }
        return candidate;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Writes next to the target and moves into place so readers never see half a PNG. */
    private static Path save(Chart<?, ?> chart, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = ReportFiles.newTempFile(dir, ".chart-");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            ReportFiles.moveIntoPlace(tmp, png);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return png;
    }
}
