package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge backtest}: no fold sees a price after its forecast origin (corrupting the
 * future leaves earlier folds bit for bit the same), and both refit modes run on both CPU engines.
 */
class BacktestCliTest {

    private static final Path AAPL = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"))
            .resolve("stock/AAPL.csv");

    /** Fold 2's forecast origin with --start 2019-01-01 and 20-day folds. */
    private static final String FOLD_2 = "2019-01-31";

    @TempDir
    Path tmp;

    /** AAPL until mid-2019; with {@code corrupt}, every price from FOLD_2 on is multiplied by 3. */
    private Path csv(String name, boolean corrupt) throws IOException {
        List<String> lines = Files.readAllLines(AAPL, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[0].compareTo("2019-06-01") >= 0) {
                break;
            }
            if (corrupt && f[0].compareTo(FOLD_2) >= 0) {
                for (int c = 1; c <= 5; c++) {
                    f[c] = String.format(Locale.ROOT, "%.6f", Double.parseDouble(f[c]) * 3);
                }
            }
            out.add(String.join(",", f));
        }
        return Files.write(tmp.resolve(name), out, StandardCharsets.UTF_8);
    }

    private JsonObject backtest(Path data, Path models, String engine, String refit) throws IOException {
        Path json = tmp.resolve(models.getFileName() + ".json");
        Cli.Result r = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                PluginLoadingTest.concat(
                        new String[] {
                            "backtest",
                            "stock-forecast",
                            "--engine",
                            engine,
                            "--data",
                            data.toString(),
                            "--start",
                            "2019-01-01",
                            "--refit-every",
                            "20",
                            "--max-folds",
                            "3",
                            "--refit",
                            refit,
                            "--json",
                            json.toString(),
                            "--report",
                            tmp.resolve(models.getFileName() + "-report").toString()
                        },
                        Cli.FAST));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("persistence_rmse").contains("| 3 | 2019-03-01");
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }

    private static JsonArray forecasts(JsonObject doc, String mode, int fold) {
        return doc.getAsJsonObject("modes")
                .getAsJsonObject(mode)
                .getAsJsonArray("folds")
                .get(fold)
                .getAsJsonObject()
                .getAsJsonArray("forecasts");
    }

    private static byte[] params(Path versionDir) throws IOException {
        try (Stream<Path> s = Files.list(versionDir)) {
            return Files.readAllBytes(
                    s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow());
        }
    }

    @Test
    void corruptingFuturePricesLeavesEarlierFoldsUnchanged() throws IOException {
        JsonObject clean = backtest(csv("clean.csv", false), tmp.resolve("clean"), "pytorch-cpu", "scratch");
        JsonObject dirty = backtest(csv("dirty.csv", true), tmp.resolve("dirty"), "pytorch-cpu", "scratch");
        // fold 1 trained before 2019-01-02 and forecast days before FOLD_2: identical to the bit
        assertThat(forecasts(dirty, "scratch", 0)).isEqualTo(forecasts(clean, "scratch", 0));
        assertThat(forecasts(clean, "scratch", 0)
                        .get(0)
                        .getAsJsonObject()
                        .get("day")
                        .getAsString())
                .isEqualTo("2019-01-02");
        // fold 2 trained on days before FOLD_2 only: the same weights, although its forecasts differ
        for (int v = 1; v <= 2; v++) {
            assertThat(params(tmp.resolve("dirty/stock-forecast/v" + v)))
                    .isEqualTo(params(tmp.resolve("clean/stock-forecast/v" + v)));
        }
        assertThat(forecasts(clean, "scratch", 1)
                        .get(0)
                        .getAsJsonObject()
                        .get("day")
                        .getAsString())
                .isEqualTo(FOLD_2);
        assertThat(forecasts(dirty, "scratch", 1)).isNotEqualTo(forecasts(clean, "scratch", 1));
    }

    @Test
    void bothRefitModesRunOnMxnet() throws IOException {
        JsonObject doc = backtest(csv("clean.csv", false), tmp.resolve("mxnet"), "mxnet-cpu", "scratch,fine-tune");
        for (String mode : List.of("scratch", "fine-tune")) {
            JsonObject m = doc.getAsJsonObject("modes").getAsJsonObject(mode);
            assertThat(m.getAsJsonArray("folds")).hasSize(3);
            assertThat(m.getAsJsonObject("overall").get("count").getAsInt()).isEqualTo(60);
        }
        // the fine-tune mode's later folds continue from the previous fold's model
        assertThat(Files.readString(tmp.resolve("mxnet/stock-forecast/v6/provenance.json")))
                .contains("\"parent\": \"stock-forecast/v5\"");
    }
}
