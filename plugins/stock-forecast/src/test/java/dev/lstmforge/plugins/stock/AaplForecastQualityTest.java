package dev.lstmforge.plugins.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.train.EpochRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learning happened, measured against the naive baseline: on the bundled AAPL series (test part:
 * the last 20% of 2013-01-01..2023-01-01) the default model's RMSE is within 10% of the
 * persistence forecast's, on both engines, and the verdict line says what the Diebold-Mariano
 * test allows and nothing more.
 */
class AaplForecastQualityTest {

    private static LstmForge forge(String engine, Path models) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine(engine)
                .seed(42)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void windowNormalisedModelIsWithinTenPercentOfPersistence(String engine, @TempDir Path models) throws Exception {
        try (LstmForge forge = forge(engine, models)) {
            TrainResult r = forge.train("stock-forecast", null, Map.of("epochs", "15", "patience", "5"));
            Map<String, Double> m = r.evaluation().metrics();
            assertThat(m.get("count")).isEqualTo(504.0);
            assertThat(m.get("rmse")).isLessThanOrEqualTo(1.10 * m.get("persistence_rmse"));
            assertThat(m.get("rmse_vs_persistence")).isLessThanOrEqualTo(1.10);
            assertThat(m.get("dm_p_value")).isBetween(0.0, 1.0);
            String summary = r.evaluation().summary();
            assertThat(summary).contains("2020-12-31..2022-12-30").contains("persistence");
            assertThat(summary).contains(verdict(m.get("dm_p_value"), m.get("dm_statistic")));
            // 30 steps scored over every origin; step 1 is the one-step forecast of every test day
            assertThat(m.get("multistep_horizon")).isEqualTo(30.0);
            assertThat(m.get("rmse_step_1")).isCloseTo(m.get("rmse"), within(1e-6 * m.get("rmse")));
            assertThat(m.get("persistence_rmse_step_1")).isCloseTo(m.get("persistence_rmse"), within(1e-9));
            assertThat(m.get("persistence_rmse_step_30")).isGreaterThan(m.get("persistence_rmse_step_1"));
            assertThat(m.get("always_up_accuracy")).isBetween(0.0, 1.0);
            List<EpochRecord> epochs = r.history().epochs();
            // The kept epoch is the one with the lowest validation loss.
            double best = epochs.stream()
                    .mapToDouble(EpochRecord::validationLoss)
                    .min()
                    .orElseThrow();
            assertThat(r.history().best().validationLoss()).isEqualTo(best);
        }
    }

    /** The verdict the summary must give for a p-value and a statistic. */
    static String verdict(double p, double statistic) {
        if (p < 0.05) {
            return statistic < 0 ? "the model beats the naive forecast" : "the model is worse than the naive forecast";
        }
        return "the model is on par with the naive forecast";
    }

    @Test
    void globalMinMaxTrainsAndIsReportedForComparison(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge("pytorch-cpu", models)) {
            TrainResult r = forge.train(
                    "stock-forecast", null, Map.of("representation", "global_minmax", "epochs", "15", "patience", "5"));
            Map<String, Double> m = r.evaluation().metrics();
            assertThat(m.get("rmse")).isPositive().isFinite();
            assertThat(m.get("persistence_rmse")).isPositive();
            assertThat(r.evaluation().summary()).startsWith("global_minmax");
        }
    }

    @Test
    void allFeaturesTrainAndForecastFromACsvRequest(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge("pytorch-cpu", models)) {
            TrainResult r = forge.train(
                    "stock-forecast",
                    null,
                    Map.of("features", "close,volume,rsi,macd", "epochs", "2", "window", "30", "hiddenSize", "16"));
            assertThat(r.evaluation().metrics().get("rmse")).isFinite();
            String csv;
            try (var in = StockForecastProject.class.getResourceAsStream(StockForecastProject.BUNDLED)) {
                csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .limit(300)
                        .collect(java.util.stream.Collectors.joining("\n"));
            }
            try (var m = forge.load(r.version().ref())) {
                String out = m.predict(csv, Map.of("horizon", "3"));
                assertThat(out).contains("\"lastDate\":\"2011-03-10\"").contains("\"day\":3");
            }
        }
    }

    @Test
    void sameSeedRepeatsTheRun(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge("pytorch-cpu", models)) {
            Map<String, String> hp = Map.of("epochs", "3", "window", "30", "hiddenSize", "16");
            TrainResult a = forge.train("stock-forecast", null, hp);
            TrainResult b = forge.train("stock-forecast", null, hp);
            assertThat(b.history().epochs()).hasSameSizeAs(a.history().epochs());
            for (int i = 0; i < a.history().epochs().size(); i++) {
                assertThat(b.history().epochs().get(i).trainLoss())
                        .isEqualTo(a.history().epochs().get(i).trainLoss());
            }
            assertThat(b.evaluation().metrics().get("rmse"))
                    .isEqualTo(a.evaluation().metrics().get("rmse"));
        }
    }
}
