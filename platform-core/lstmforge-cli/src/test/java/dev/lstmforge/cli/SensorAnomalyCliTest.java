package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sensor-anomaly plugin jar through the CLI: train, predict on a new CSV, export to plain DJL. */
class SensorAnomalyCliTest {

    private static final Path SENSOR_JAR = Cli.DIST_PLUGINS.resolve("lstmforge-plugin-sensor-anomaly.jar");

    static String csv(int rows, int spikeAt) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime t = LocalDateTime.of(2024, 3, 1, 0, 0);
        StringBuilder sb = new StringBuilder("timestamp,pressure,flow\n");
        for (int i = 0; i < rows; i++) {
            double p = Math.sin(i / 20.0) + 0.05 * Math.cos(i * 1.7);
            double q = Math.cos(i / 35.0);
            if (i >= spikeAt && i < spikeAt + 5) {
                p += 6;
            }
            sb.append(t.plusMinutes(i).format(f)).append(String.format(Locale.ROOT, ",%.5f,%.5f%n", p, q));
        }
        return sb.toString();
    }

    @Test
    void trainPredictAndExport(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(SENSOR_JAR, plugins.resolve("sensor-anomaly.jar"));
        Path models = tmp.resolve("models");
        Path data = Files.writeString(tmp.resolve("pump.csv"), csv(3000, 10_000));

        Cli.Result train = Cli.run(
                plugins,
                models,
                "train",
                "sensor-anomaly",
                "--data",
                data.toString(),
                "-P",
                "epochs=3",
                "-P",
                "window=30",
                "-P",
                "stride=3",
                "-P",
                "hiddenSize=16");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("saved sensor-anomaly/v1").contains("threshold");

        Path fresh = Files.writeString(tmp.resolve("new.csv"), csv(600, 300));
        Cli.Result predict = Cli.run(plugins, models, "predict", "sensor-anomaly", "--input", fresh.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out())
                .contains("\"rows\": 600")
                .contains("\"flagged\"")
                .contains("2024-03-01 05:0");

        Path export = tmp.resolve("export");
        assertThat(Cli.run(plugins, models, "export", "sensor-anomaly", "-o", export.toString())
                        .code())
                .isZero();
        String probe = EndToEndTest.runServingProbe(export, "PyTorch", csv(600, 300));
        assertThat(probe).contains("code=200").contains("\"flaggedCount\"");
    }
}
