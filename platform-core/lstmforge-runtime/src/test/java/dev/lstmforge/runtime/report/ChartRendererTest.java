package dev.lstmforge.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.HeatmapSpec;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;

class ChartRendererTest {

    @TempDir
    Path dir;

    private static void assertPng(Path png) throws IOException {
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).isPositive();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
    }

    @Test
    void rendersChartSpecToPngOfExpectedSize() throws IOException {
        Path png = ChartRenderer.render(ReportFixtures.priceChart("AAPL", 500), dir.resolve("sub/aapl.png"));

        assertPng(png);
        assertThat(dir.resolve("sub").toFile().list()).containsExactly("aapl.png");
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void rendersLossCurveWithBestEpoch() throws IOException {
        TrainingHistory history = ReportFixtures.history(30, 20);

        assertPng(ChartRenderer.renderLoss(history, "Loss", dir.resolve("loss.png")));
        assertThat(ChartRenderer.lossChart(history, "Loss").getSeriesMap())
                .containsKeys("train loss", "validation loss", "best epoch 20");
    }

    @Test
    void survivesNaNInfinityDuplicateNamesAndEmptyData() throws IOException {
        double nan = Double.NaN;
        ChartSpec gappy = new ChartSpec(
                "gaps",
                "x",
                "y",
                List.of(
                        new ChartSpec.Series("a", new double[] {0, 1, 2, 3, nan, 5}, new double[] {
                            1, nan, 3, Double.POSITIVE_INFINITY, 5, 6
                        }),
                        ChartSpec.Series.indexed("a", new double[] {2, 2, nan, 2})));
        ChartSpec empty = new ChartSpec(
                "empty",
                null,
                null,
                List.of(
                        ChartSpec.Series.indexed("nothing", new double[0]),
                        ChartSpec.Series.indexed("all nan", new double[] {nan, nan})));

        assertPng(ChartRenderer.render(gappy, dir.resolve("gaps.png")));
        assertPng(ChartRenderer.render(empty, dir.resolve("empty.png")));
        assertPng(ChartRenderer.renderLoss(new TrainingHistory(List.of(), 0, ""), "none", dir.resolve("none.png")));
    }

    @Test
    void rendersATenByTenConfusionMatrixToPngOfHeatmapSize() throws IOException {
        Path png = ChartRenderer.render(ReportFixtures.confusion("Digits", 10), dir.resolve("cm/digits.png"));

        assertThat(Files.size(png)).isPositive();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.HEATMAP_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEATMAP_HEIGHT);
        assertThat(dir.resolve("cm").toFile().list()).containsExactly("digits.png");
    }

    @Test
    void heatmapHasOneCellPerValueWithRowZeroAtTheTop() {
        HeatMapChart chart = ChartRenderer.toChart(ReportFixtures.confusion("Digits", 10));

        var series = chart.getHeatMapSeries();
        assertThat(List.<Object>copyOf(series.getXData()))
                .containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
        // XChart counts y from the bottom, so the first row is the last y category
        assertThat(List.<Object>copyOf(series.getYData()))
                .containsExactly("c9", "c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0");
        assertThat(series.getHeatData()).hasSize(100);
        assertThat(series.getHeatData())
                // {column, y index, value}: actual c0 predicted c0; actual c0 predicted c3; actual c3 predicted c0
                .anySatisfy(cell -> assertThat(cell).containsExactly(0, 9, 50.0))
                .anySatisfy(cell -> assertThat(cell).containsExactly(3, 9, 3.0))
                .anySatisfy(cell -> assertThat(cell).containsExactly(0, 6, 1.0));
        assertThat(series.getMin()).isEqualTo(0.0);
        assertThat(series.getMax()).isEqualTo(59.0);
        assertThat(chart.getStyler().isShowValue()).isTrue();
    }

    @Test
    void theHighestCellIsDrawnInTheTopLeftCornerOfThePixels() throws IOException {
        double[][] values = new double[10][10];
        values[0][0] = 7;
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        Path png = ChartRenderer.render(
                new HeatmapSpec("corner", "predicted", "actual", names, names, values), dir.resolve("corner.png"));

        BufferedImage image = ImageIO.read(png.toFile());
        int top = new Color(0x4292C6).getRGB();
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        // the colour key on the right also ends in this colour; look at the plot only
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth() * 3 / 4; x++) {
                if (image.getRGB(x, y) == top) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(maxX).as("a cell in the top colour").isGreaterThan(0);
        // one cell of a 10x10 grid: at most a tenth of the plot, in its upper-left corner
        assertThat(maxX).isLessThan(image.getWidth() / 4);
        assertThat(maxY).isLessThan(image.getHeight() / 4);
        assertThat(maxX - minX).isBetween(20, image.getWidth() / 10);
        assertThat(maxY - minY).isBetween(20, image.getHeight() / 10);
    }

    @Test
    void flatAndOneCellHeatmapsAreStillDrawn() throws IOException {
        HeatmapSpec zeros =
                new HeatmapSpec("zeros", null, null, List.of("a", "b"), List.of("r1", "r2", "r3"), new double[3][2]);
        HeatmapSpec single = new HeatmapSpec("one", "x", "y", List.of("a"), List.of("r"), new double[][] {{0.25}});

        assertThat(ChartRenderer.toChart(zeros).getHeatMapSeries().getMax()).isEqualTo(1.0);
        assertThat(ImageIO.read(
                        ChartRenderer.render(zeros, dir.resolve("zeros.png")).toFile()))
                .isNotNull();
        assertThat(ImageIO.read(
                        ChartRenderer.render(single, dir.resolve("one.png")).toFile()))
                .isNotNull();
    }
}
