package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --from} and {@code continual} on the stock plugin: exit codes and refusals. */
class FineTuneCliTest {

    private static final Path AAPL = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"))
            .resolve("stock/AAPL.csv");

    @TempDir
    Path tmp;

    @Test
    void fineTuningAStockModelAndItsRefusals() {
        Path models = tmp.resolve("models");
        Cli.Result base = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                PluginLoadingTest.concat(
                        new String[] {"train", "stock-forecast", "--data", AAPL.toString(), "-P", "endDate=2016-01-01"},
                        Cli.FAST));
        assertThat(base.code()).as(base.err()).isZero();

        Cli.Result tuned = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "train",
                "stock-forecast",
                "--from",
                "stock-forecast/v1",
                "--data",
                AAPL.toString(),
                "-P",
                "startDate=2016-01-01",
                "-P",
                "endDate=2019-01-01",
                "-P",
                "strategy=ewc",
                "-P",
                "epochs=1");
        assertThat(tuned.code()).as(tuned.err()).isZero();
        assertThat(tuned.out()).contains("saved stock-forecast/v2");
        assertThat(models.resolve("stock-forecast/v2/continual-ewc.ndlist")).isRegularFile();

        Cli.Result shape = Cli.run(
                Cli.DIST_PLUGINS, models, "train", "stock-forecast", "--from", "stock-forecast/v1", "-P", "window=30");
        assertThat(shape.code()).isEqualTo(2);
        assertThat(shape.err()).contains("cannot change window from 20 to 30");

        Cli.Result other = Cli.run(Cli.DIST_PLUGINS, models, "train", "sensor-anomaly", "--from", "stock-forecast/v1");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("is a model of stock-forecast, not of sensor-anomaly");

        Cli.Result noParent = Cli.run(Cli.DIST_PLUGINS, models, "train", "stock-forecast", "-P", "strategy=replay");
        assertThat(noParent.code()).isEqualTo(2);
        assertThat(noParent.err()).contains("--from");

        Cli.Result lineage = Cli.run(Cli.DIST_PLUGINS, models, "lineage", "stock-forecast/v2");
        assertThat(lineage.code()).as(lineage.err()).isZero();
        assertThat(lineage.out())
                .contains("stock-forecast/v1")
                .contains("stock-forecast/v2")
                .contains("ewc");
        assertThat(models.resolve("stock-forecast/v3")).doesNotExist();
    }
}
