package dev.lstmforge.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.ChartSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
