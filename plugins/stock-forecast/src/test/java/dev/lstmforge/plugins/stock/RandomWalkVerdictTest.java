package dev.lstmforge.plugins.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data without anything to learn must not fool the verdict: on seeded geometric random walks
 * (with and without drift) no forecast can beat persistence in expectation, so the trained model
 * must be reported "on par with" the naive forecast, never "beats", whatever its RMSE ratio.
 */
class RandomWalkVerdictTest {

    /**
     * Writes {@code days} weekdays of {@code close[t] = close[t-1] * exp(drift + volatility * z)}
     * starting at 100, with the Close of row {@code missingRow} (if not negative) left empty.
     */
    static Path randomWalk(Path dir, String name, long seed, double drift, double volatility, int days, int missingRow)
            throws IOException {
        Random rnd = new Random(seed);
        StringBuilder csv = new StringBuilder("Date,Close\n");
        LocalDate day = LocalDate.of(2015, 1, 5);
        double close = 100;
        for (int i = 0; i < days; i++) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            csv.append(day)
                    .append(',')
                    .append(i == missingRow ? "" : String.format(Locale.ROOT, "%.4f", close))
                    .append('\n');
            close *= Math.exp(drift + volatility * rnd.nextGaussian());
            day = day.plusDays(1);
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"walk.csv, 11, 0.0, 400", "drift-up.csv, 12, 0.0008, -1", "drift-down.csv, 13, -0.0005, -1"})
    void aRandomWalkIsOnParWithPersistence(String name, long seed, double drift, int missingRow, @TempDir Path dir)
            throws Exception {
        Path data = randomWalk(dir, name, seed, drift, 0.015, 1500, missingRow);
        try (LstmForge forge = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(dir.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(dir.resolve("models"))
                .engine("pytorch-cpu")
                .seed(42)
                .build()) {
            TrainResult r = forge.train(
                    "stock-forecast",
                    data,
                    Map.of("epochs", "6", "patience", "3", "window", "20", "hiddenSize", "16", "horizon", "5"));
            Map<String, Double> m = r.evaluation().metrics();
            String summary = r.evaluation().summary();
            System.out.printf(
                    Locale.ROOT,
                    "%s: ratio %.4f, dm_p_value %.4f, directional %.3f vs always-up %.3f%n",
                    name,
                    m.get("rmse_vs_persistence"),
                    m.get("dm_p_value"),
                    m.get("directional_accuracy"),
                    m.get("always_up_accuracy"));
            assertThat(m.get("count")).isEqualTo(296.0);
            assertThat(summary).doesNotContain("beats").contains("the model is on par with the naive forecast");
            assertThat(m.get("dm_p_value")).isGreaterThanOrEqualTo(0.05);
            assertThat(summary).doesNotContain("better than always-up");
            if (missingRow >= 0) {
                assertThat(r.report().facts().values())
                        .anyMatch(w -> w.equals(name + ", column Close: 1 missing "
                                + "cell filled from the neighbours (mean of the nearest values before and after; the nearest "
                                + "value at the ends): line " + (missingRow + 2) + " (" + dateOfRow(missingRow) + ")"));
            }
        }
    }

    private static LocalDate dateOfRow(int row) {
        LocalDate day = LocalDate.of(2015, 1, 5);
        int i = -1;
        while (true) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && ++i == row) {
                return day;
            }
            day = day.plusDays(1);
        }
    }
}
