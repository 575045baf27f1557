package dev.lstmforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the embedded API example against the packaged plugin jar. */
class EmbeddedForecastTest {

    @Test
    void trainsLoadsAndForecasts(@TempDir Path models) throws Exception {
        String plugins = System.getProperty("lstmforge.test.pluginsDir", "target/plugins");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddedForecast.main(new String[] {plugins, models.toString(), "2"});
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("stock-forecast 0.1.0 STARTED [stock-forecast]")
                .contains("saved stock-forecast/v1")
                .contains("persistence")
                .contains("\"horizon\":5")
                .contains("\"day\":5");
        assertThat(models.resolve("stock-forecast/v1/provenance.json")).isRegularFile();
    }
}
