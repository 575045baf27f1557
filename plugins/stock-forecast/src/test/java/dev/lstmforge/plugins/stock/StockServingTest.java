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
        try (LstmForge forge = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine("pytorch-cpu")
                .seed(3)
                .build()) {
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
}
