package dev.lstmforge.plugins.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.spi.LstmForgeException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving translator through the real inference path: request forms agree, bad requests are named. */
class StockServingTest {

    @Test
    void requestFormsAgreeAndBadRequestsAreNamed(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge(models)) {
            TrainResult r = forge.train(
                    "stock-forecast", null, Map.of("epochs", "1", "window", "10", "hiddenSize", "8", "layers", "1"));
            List<String> lines;
            try (InputStream in = StockForecastProject.class.getResourceAsStream(StockForecastProject.BUNDLED)) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
            }
            // the last ten closes of the bundled file, which the model keeps as its recent data
            String closes = lines.subList(lines.size() - 10, lines.size()).stream()
                    .map(l -> l.split(",")[4])
                    .collect(Collectors.joining(","));
            try (LoadedModel m = forge.load(r.version().ref())) {
                JsonObject fromRecent = JsonUtils.GSON.fromJson(m.predict(""), JsonObject.class);
                assertThat(fromRecent.get("horizon").getAsInt()).isEqualTo(5);
                assertThat(fromRecent.get("lastDate").getAsString()).isEqualTo("2023-03-15");
                JsonObject fromJson = JsonUtils.GSON.fromJson(
                        m.predict("{\"close\": [" + closes + "], \"horizon\": 3}"), JsonObject.class);
                assertThat(fromJson.getAsJsonArray("forecast")).hasSize(3);
                assertThat(fromJson.getAsJsonArray("forecast")
                                .get(0)
                                .getAsJsonObject()
                                .get("close")
                                .getAsDouble())
                        .isEqualTo(fromRecent
                                .getAsJsonArray("forecast")
                                .get(0)
                                .getAsJsonObject()
                                .get("close")
                                .getAsDouble());

                assertThatThrownBy(() -> m.predict("{\"close\": [1, \"x\"]}"))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessageEndingWith("field 'close', item 2: \"x\" is not a number");
                assertThatThrownBy(() -> m.predict("{\"close\": [1, 2, 3]}"))
                        .hasMessageEndingWith(
                                "request field 'close': 3 usable rows, need at " + "least 10 (one window)");
                assertThatThrownBy(() -> m.predict("", Map.of("horizon", "0")))
                        .hasMessageEndingWith("horizon must be a whole number from 1 to 250, " + "got '0'");
                assertThatThrownBy(() -> m.predict("Date,Close\n2023-01-03,125.07\n2023-01-04;126.36\n"))
                        .hasMessageEndingWith("the line looks ';' (semicolon)-separated while the header is read as "
                                + "',' (comma)-separated");
                assertThatThrownBy(() -> m.predict("{\"close\": [1, 2}"))
                        .hasMessageStartingWith("prediction with stock-forecast/v1 failed: ")
                        .hasMessageNotContaining("Exception");
            }
        }
    }

    /**
     * A rolling request answers every day with a full context behind it, each the same forecast
     * as that day's own context sent alone: with close only (one matrix for all days) and with
     * RSI, whose warm-up makes each day's features depend on the rows before it.
     */
    @Test
    void rollingForecastsEqualEachDaysOwnRequest(@TempDir Path models) throws Exception {
        List<String> lines;
        try (InputStream in = StockForecastProject.class.getResourceAsStream(StockForecastProject.BUNDLED)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        String header = lines.get(0);
        List<String> rows = lines.subList(lines.size() - 90, lines.size());
        try (LstmForge forge = forge(models)) {
            for (String features : List.of("close", "close,rsi")) {
                TrainResult r = forge.train(
                        "stock-forecast",
                        null,
                        Map.of("epochs", "1", "window", "10", "hiddenSize", "8", "layers", "1", "features", features));
                try (LoadedModel m = forge.load(r.version().ref())) {
                    int need = m.tableScoring().orElseThrow().contextRows();
                    assertThat(need).isEqualTo(features.equals("close") ? 10 : 10 + 42);
                    String all = header + "\n" + String.join("\n", rows) + "\n";
                    // horizon 1 takes the one-step path, longer ones feed forecasts back
                    for (int horizon : new int[] {1, 3}) {
                        String h = String.valueOf(horizon);
                        JsonObject rolling = JsonUtils.GSON.fromJson(
                                m.predict(all, Map.of("rolling", "true", "horizon", h)), JsonObject.class);
                        var entries = rolling.getAsJsonArray("rolling");
                        assertThat(entries).as(features).hasSize(rows.size() - need + 1);
                        for (int i = 0; i < entries.size(); i += 7) {
                            int last = need - 1 + i;
                            String own =
                                    header + "\n" + String.join("\n", rows.subList(last - need + 1, last + 1)) + "\n";
                            JsonObject alone =
                                    JsonUtils.GSON.fromJson(m.predict(own, Map.of("horizon", h)), JsonObject.class);
                            JsonObject entry = entries.get(i).getAsJsonObject();
                            assertThat(entry.get("date").getAsString())
                                    .isEqualTo(alone.get("lastDate").getAsString());
                            assertThat(entry.getAsJsonArray("forecast")).hasSize(horizon);
                            for (int d = 0; d < horizon; d++) {
                                assertThat(entry.getAsJsonArray("forecast")
                                                .get(d)
                                                .getAsDouble())
                                        .as("%s, day %d after %s", features, d + 1, entry.get("date"))
                                        .isCloseTo(
                                                alone.getAsJsonArray("forecast")
                                                        .get(d)
                                                        .getAsJsonObject()
                                                        .get("close")
                                                        .getAsDouble(),
                                                org.assertj.core.data.Offset.offset(1.01e-4));
                            }
                        }
                        // without indicators the last entry is the answer's own forecast (with them the
                        // answer's features come from the whole request, the entry's from its own rows)
                        if (features.equals("close")) {
                            assertThat(entries.get(entries.size() - 1)
                                            .getAsJsonObject()
                                            .getAsJsonArray("forecast")
                                            .get(0)
                                            .getAsDouble())
                                    .isCloseTo(
                                            rolling.getAsJsonArray("forecast")
                                                    .get(0)
                                                    .getAsJsonObject()
                                                    .get("close")
                                                    .getAsDouble(),
                                            org.assertj.core.data.Offset.offset(1.01e-4));
                        }
                    }
                    assertThatThrownBy(() -> m.predict(all, Map.of("rolling", "yes")))
                            .hasMessageEndingWith("rolling must be true or false, got 'yes'");
                }
            }
        }
    }

    /** The stock project on its own (bundled in this module), PyTorch, a store in {@code models}. */
    private static LstmForge forge(Path models) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine("pytorch-cpu")
                .seed(3)
                .build();
    }
}
