package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge drift} for a sensor autoencoder (NAB machine temperature, the default data):
 * readings from its own training half keep the training dynamics, the EC2 request latency series
 * does not.
 */
class SensorDriftCliTest {

    private static final Path NAB =
            Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"), "sensor", "nab");

    @Test
    void anotherSensorDriftsAndAWindowOfTheTrainingHalfDoesNot(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(NAB), "shared NAB folder not present");
        Path models = tmp.resolve("models");
        Cli.Result trained = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "train",
                "sensor-anomaly",
                "--data-root",
                NAB.getParent().getParent().toString(),
                "-P",
                "epochs=1");
        assertThat(trained.code()).as(trained.err()).isZero();

        Cli.Result other = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "sensor-anomaly",
                "--data",
                NAB.resolve("ec2_request_latency_system_failure.csv").toString(),
                "--report",
                tmp.resolve("r1").toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).contains("value_diff").contains("verdict: DRIFT");

        // 900 consecutive readings (about three days) from the training half
        List<String> lines = Files.readAllLines(NAB.resolve("machine_temperature_system_failure.csv"));
        List<String> window = new java.util.ArrayList<>(List.of(lines.get(0)));
        window.addAll(lines.subList(1001, 1901));
        Path own = Files.write(tmp.resolve("machine-window.csv"), window, StandardCharsets.UTF_8);
        Cli.Result same = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "sensor-anomaly",
                "--data",
                own.toString(),
                "--report",
                tmp.resolve("r2").toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("899 new values").contains("verdict: no drift");
    }
}
