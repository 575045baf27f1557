package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model store from the command line: exported folders and zips work by path, a damaged file
 * stops export, predict and evaluate with exit 2 and its name, and evaluate without {@code --data}
 * uses the data the model was trained on.
 */
class StoreIntegrityCliTest {

    @TempDir
    Path tmp;

    private Path plugins;
    private Path models;

    @BeforeEach
    void installPlugin() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        models = tmp.resolve("models");
    }

    private void train(String... extra) {
        Cli.Result r = Cli.run(
                plugins,
                models,
                PluginLoadingTest.concat(
                        PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST), extra));
        assertThat(r.code()).as(r.err()).isZero();
    }

    private Path params() throws IOException {
        try (Stream<Path> s = Files.list(models.resolve("stock-forecast/v1"))) {
            return s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    private static void assertNoLineEndsInNull(String text) {
        assertThat(text.lines()).noneMatch(l -> l.endsWith(": null")).noneMatch(l -> l.contains("Exception"));
    }

    @Test
    void exportedFolderAndZipArePredictedAndEvaluatedByPath() throws Exception {
        train();
        // a folder whose parent is called "tmp", as in the report that found the bug
        Path dir = tmp.resolve("tmp/export");
        assertThat(Cli.run(plugins, models, "export", "stock-forecast", "-o", dir.toString())
                        .code())
                .isZero();
        Path zip = tmp.resolve("stock.zip");
        assertThat(Cli.run(plugins, models, "export", "stock-forecast", "-o", zip.toString())
                        .code())
                .isZero();

        for (Path model : new Path[] {dir, zip}) {
            Cli.Result predict = Cli.run(plugins, models, "predict", model.toString(), "-P", "horizon=2");
            assertThat(predict.code()).as(predict.err()).isZero();
            assertThat(predict.out()).contains("\"horizon\": 2");
            Cli.Result eval = Cli.run(
                    plugins,
                    models,
                    "evaluate",
                    model.toString(),
                    "--report",
                    tmp.resolve("report-" + model.getFileName()).toString());
            assertThat(eval.code()).as(eval.err()).isZero();
            assertThat(eval.out()).contains("rmse");
        }
    }

    @Test
    void truncatedParametersStopExportPredictAndEvaluateNamingTheFile() throws Exception {
        train();
        Path params = params();
        long size = Files.size(params);
        try (FileChannel ch = FileChannel.open(params, StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        String expected = params.getFileName() + " is damaged: 100 bytes, expected "
                + String.format(java.util.Locale.ROOT, "%,d", size) + " (sha256 differs); retrain or restore it";

        Cli.Result export = Cli.run(
                plugins,
                models,
                "export",
                "stock-forecast",
                "-o",
                tmp.resolve("out").toString());
        assertThat(export.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(export.err()).contains(expected);
        assertThat(export.out()).doesNotContain("exported");
        assertThat(tmp.resolve("out")).doesNotExist();

        Cli.Result predict = Cli.run(plugins, models, "predict", "stock-forecast");
        assertThat(predict.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(predict.err()).contains(expected);

        Cli.Result eval = Cli.run(plugins, models, "evaluate", "stock-forecast");
        assertThat(eval.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(eval.err()).contains(expected);
        for (Cli.Result r : new Cli.Result[] {export, predict, eval}) {
            assertNoLineEndsInNull(r.err());
        }
    }

    @Test
    void evaluateWithoutDataUsesTheTrainingFileAndStopsWhenItIsGone() throws Exception {
        Path aapl = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"))
                .resolve("stock/AAPL.csv");
        Assumptions.assumeTrue(Files.isRegularFile(aapl), "shared data root not present");
        Path prices =
                Files.copy(aapl, Files.createDirectories(tmp.resolve("data")).resolve("prices.csv"));
        train("--data", prices.toString());

        Path report = tmp.resolve("report");
        Cli.Result eval = Cli.run(plugins, models, "evaluate", "stock-forecast", "--report", report.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        var facts = JsonParser.parseString(Files.readString(report.resolve("report.json")))
                .getAsJsonObject()
                .getAsJsonArray("entries")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("facts");
        assertThat(facts.get("data").getAsString()).contains("prices.csv");
        assertThat(facts.get("data origin").getAsString())
                .startsWith("the data the model was trained on (" + prices.toAbsolutePath());

        Files.delete(prices);
        Cli.Result gone = Cli.run(plugins, models, "evaluate", "stock-forecast");
        assertThat(gone.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(gone.err())
                .contains("was trained on " + prices.toAbsolutePath() + ", which no longer exists")
                .contains("--data");
    }
}
