package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI's main paths on both CPU engines: train, predict, evaluate (with a report), export and
 * loading the export through plain DJL in a JVM that has no LSTM Forge classes.
 */
class EndToEndTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pytorch-cpu, PyTorch", "mxnet-cpu, MXNet"})
    void trainPredictEvaluateExport(String profile, String engine, @TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        Path models = tmp.resolve("models");

        Cli.Result train = Cli.run(
                plugins,
                models,
                PluginLoadingTest.concat(new String[] {"train", "stock-forecast", "--engine", profile}, Cli.FAST));
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("saved stock-forecast/v1").contains("persistence_rmse");
        String provenance = Files.readString(models.resolve("stock-forecast/v1/provenance.json"));
        assertThat(provenance)
                .contains("\"engine\": \"" + engine + "\"")
                .contains("\"engineProfile\": \"" + profile + "\"")
                .contains("\"sha256\"")
                .contains("\"rows\": 3322")
                .contains("\"seed\": 42");

        Cli.Result predict =
                Cli.run(plugins, models, "predict", "stock-forecast", "--engine", profile, "-P", "horizon=4");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out())
                .contains("\"horizon\": 4")
                .contains("\"day\": 4")
                .contains("\"lastDate\": \"2023-03-15\"");

        Path report = tmp.resolve("report");
        Cli.Result eval = Cli.run(
                plugins, models, "evaluate", "stock-forecast/v1", "--engine", profile, "--report", report.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("rmse").contains("persistence_rmse");
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("report.json")).isRegularFile();
        try (var pngs = Files.walk(report)) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(2);
        }

        Path export = tmp.resolve("export");
        Cli.Result exp =
                Cli.run(plugins, models, "export", "stock-forecast", "--engine", profile, "-o", export.toString());
        assertThat(exp.code()).as(exp.err()).isZero();
        assertThat(Files.readString(export.resolve("serving.properties")))
                .contains("engine=" + engine)
                .contains("translator=")
                .contains("blockFactory=");
        assertThat(export.resolve("libs/stock-forecast-plugin.jar")).isRegularFile();

        String probe = runServingProbe(export, engine, "");
        assertThat(probe).contains("code=200").contains("\"horizon\":3").contains("\"forecast\"");
    }

    @Test
    void exportedZipLoadsThroughPlainDjl(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        Path models = tmp.resolve("models");
        assertThat(Cli.run(
                                plugins,
                                models,
                                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST))
                        .code())
                .isZero();
        Path zip = tmp.resolve("stock.zip");
        assertThat(Cli.run(plugins, models, "export", "stock-forecast", "-o", zip.toString())
                        .code())
                .isZero();
        assertThat(zip).isRegularFile();
        // DJL Serving unpacks archives itself; plain Criteria takes the unpacked directory.
        Path unpacked = tmp.resolve("unpacked");
        try (var zf = new java.util.zip.ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(zf.entries())) {
                Path out = unpacked.resolve(e.getName());
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, out);
                }
            }
        }
        // A CSV request body instead of the model's own recent data.
        Path aapl = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"))
                .resolve("stock/AAPL.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(aapl), "shared data root not present");
        String csv = Files.readString(aapl).lines().limit(200).collect(Collectors.joining("\n"));
        String probe = runServingProbe(unpacked, "PyTorch", csv);
        assertThat(probe).contains("code=200").contains("\"lastDate\":\"2010-10-15\"");
    }

    /** Runs ServingProbe.java in a fresh JVM whose classpath has DJL and the engines only. */
    static String runServingProbe(Path modelDir, String engine, String body) throws IOException, InterruptedException {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(EndToEndTest::isDjlRuntime)
                .collect(Collectors.joining(File.pathSeparator));
        Path probe = Path.of("src/test/resources/ServingProbe.java").toAbsolutePath();
        Path bodyFile = Files.writeString(Files.createTempFile("probe-body", ".txt"), body);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                cp,
                probe.toString(),
                modelDir.toString(),
                engine,
                Files.readString(bodyFile)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static boolean isDjlRuntime(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.endsWith(".jar")
                && !name.contains("lstmforge")
                && (entry.contains("/ai/djl/")
                        || name.startsWith("gson")
                        || name.startsWith("jna")
                        || name.startsWith("slf4j")
                        || name.startsWith("commons-compress")
                        || name.startsWith("commons-io")
                        || name.startsWith("commons-codec")
                        || name.startsWith("commons-lang3"));
    }
}
