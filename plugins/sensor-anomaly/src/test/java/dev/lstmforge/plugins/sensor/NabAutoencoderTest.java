package dev.lstmforge.plugins.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On NAB machine_temperature_system_failure (shared data root), the LSTM autoencoder beats a
 * rolling z-score detector and a random detector with the same alert rate on every headline metric:
 * point-wise and event-wise F1, ROC-AUC, PR-AUC and the NAB score.
 */
class NabAutoencoderTest {

    static Path dataRoot() {
        String root = System.getProperty("lstmforge.dataRoot");
        Assumptions.assumeTrue(
                root != null && Files.isRegularFile(Path.of(root).resolve(SensorAnomalyProject.NAB_FILE)),
                "shared data root with NAB not present");
        return Path.of(root);
    }

    static LstmForge forge(String engine, Path models, Path dataRoot) {
        LstmForge.Builder b = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine(engine)
                .seed(42);
        if (dataRoot != null) {
            b.dataRoot(dataRoot);
        }
        return b.build();
    }

    @Test
    void autoencoderBeatsNaiveDetectorsOnTheHeadlineMetrics(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge("pytorch-cpu", models, dataRoot())) {
            TrainResult r = forge.train("sensor-anomaly", null, Map.of());
            Map<String, Double> m = r.evaluation().metrics();
            System.out.println(r.evaluation().summary());
            System.out.println(m);
            assertThat(m.keySet())
                    .startsWith(
                            "lstm_ae_f1", "lstm_ae_event_f1", "lstm_ae_roc_auc", "lstm_ae_pr_auc", "lstm_ae_nab_score");
            assertThat(m)
                    .containsKeys(
                            "zscore_f1",
                            "zscore_nab_score",
                            "random_nab_score",
                            "lstm_ae_g_mean",
                            "lstm_ae_precision_at_k",
                            "lstm_ae_point_adjusted_f1",
                            "zscore_point_adjusted_f1");
            for (String headline : new String[] {"f1", "event_f1", "roc_auc", "pr_auc", "nab_score"}) {
                assertThat(m.get("lstm_ae_" + headline))
                        .as(headline)
                        .isGreaterThan(m.get("zscore_" + headline))
                        .isGreaterThan(m.get("random_" + headline));
            }
            // why point adjustment is not the headline: it lifts the random detector far above its F1
            assertThat(m.get("random_point_adjusted_f1")).isGreaterThan(3 * m.get("random_f1"));
        }
    }
}
