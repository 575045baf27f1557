package dev.lstmforge.plugins.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * On NAB machine_temperature_system_failure (shared data root), the LSTM autoencoder beats a
 * rolling z-score detector and a random detector with the same alert rate on point-adjusted F1.
 */
class NabAutoencoderTest {

    static Path dataRoot() {
        String root = System.getProperty("lstmforge.dataRoot");
        Assumptions.assumeTrue(root != null && Files.isRegularFile(Path.of(root).resolve(SensorAnomalyProject.NAB_FILE)),
                "shared data root with NAB not present");
        return Path.of(root);
    }

    static LstmForge forge(String engine, Path models, Path dataRoot) {
        LstmForge.Builder b = LstmForge.builder().config(ForgeConfig.empty()).pluginsDir(models.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT).modelsDir(models).engine(engine).seed(42);
        if (dataRoot != null) {
            b.dataRoot(dataRoot);
        }
        return b.build();
    }

    @Test
    void autoencoderBeatsNaiveDetectorsOnF1(@TempDir Path models) throws Exception {
        try (LstmForge forge = forge("pytorch-cpu", models, dataRoot())) {
            TrainResult r = forge.train("sensor-anomaly", null, Map.of());
            Map<String, Double> m = r.evaluation().metrics();
            System.out.println(r.evaluation().summary());
            System.out.println(m);
            assertThat(m.get("lstm_ae_f1")).isGreaterThan(m.get("zscore_f1")).isGreaterThan(m.get("random_f1"));
            assertThat(m).containsKeys("lstm_ae_nab_score", "zscore_nab_score", "random_nab_score",
                    "lstm_ae_g_mean", "lstm_ae_roc_auc", "lstm_ae_pr_auc", "lstm_ae_precision_at_k");
        }
    }
}
