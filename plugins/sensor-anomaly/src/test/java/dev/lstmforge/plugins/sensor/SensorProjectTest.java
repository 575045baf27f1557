package dev.lstmforge.plugins.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SKAB with and without SMOTE, scoring a new CSV, and bad input. */
class SensorProjectTest {

    private static final Map<String, String> FAST_AE =
            Map.of("epochs", "2", "window", "30", "stride", "5", "hiddenSize", "16");

    @Test
    void skabClassifierWithAndWithoutSmote(@TempDir Path models) throws Exception {
        String root = System.getProperty("lstmforge.dataRoot");
        Assumptions.assumeTrue(
                root != null && Files.isDirectory(Path.of(root).resolve(SensorAnomalyProject.SKAB_FOLDER)),
                "shared SKAB data not present");
        try (LstmForge forge = NabAutoencoderTest.forge("pytorch-cpu", models, Path.of(root))) {
            for (String smote : new String[] {"true", "false"}) {
                TrainResult r = forge.train(
                        "sensor-anomaly",
                        null,
                        Map.of(
                                "mode",
                                "classifier",
                                "window",
                                "30",
                                "smote",
                                smote,
                                "thresholdRule",
                                "bestf1",
                                "epochs",
                                "8"));
                Map<String, Double> m = r.evaluation().metrics();
                System.out.println(r.evaluation().summary());
                System.out.println(m);
                assertThat(m.keySet()).startsWith("f1", "event_f1", "roc_auc", "pr_auc", "nab_score");
                assertThat(r.evaluation().summary())
                        .startsWith("true".equals(smote) ? "with SMOTE" : "without SMOTE")
                        .contains("4 files");
                // 36% of test windows are anomalous: F1 must beat always-alerting (0.53) clearly.
                assertThat(m.get("f1")).isGreaterThan(0.7);
                assertThat(m.get("g_mean")).isGreaterThan(0.7);
                assertThat(m.get("roc_auc")).isGreaterThan(0.8);
            }
        }
    }

    @Test
    void scoresANewCsvAndFlagsTimestamps(@TempDir Path models) throws Exception {
        try (LstmForge forge = NabAutoencoderTest.forge("pytorch-cpu", models, null)) {
            TrainResult r = forge.train("sensor-anomaly", null, FAST_AE);
            String csv = SensorFixtures.csv(400, true);
            try (LoadedModel m = forge.load(r.version().ref())) {
                String out = m.predict(csv, Map.of("scores", "true"));
                assertThat(out)
                        .contains("\"mode\":\"autoencoder\"")
                        .contains("\"rows\":400")
                        .contains("\"flaggedCount\"")
                        .contains("\"scores\"");
                // far outside the training range: every column is named, with its count
                String shifted = m.predict(SensorFixtures.csv(400, false, 1000));
                com.google.gson.JsonObject json =
                        com.google.gson.JsonParser.parseString(shifted).getAsJsonObject();
                assertThat(json.getAsJsonArray("warnings")).hasSize(4);
                assertThat(json.getAsJsonArray("warnings").get(0).getAsString())
                        .matches("request column \\S+: 400 of 400 rows outside the training range \\[.*\\]; "
                                + "farthest .* at 2024-.*");
                // drift monitoring reads the answer's scores (kept at decoding, asked for or not) and
                // the request's step-to-step changes; the profile holds both kinds
                ai.djl.modality.Input in = new ai.djl.modality.Input();
                in.add("data", csv);
                ai.djl.modality.Output answer =
                        m.predictBatch(java.util.List.of(in)).get(0);
                assertThat(m.driftOutputs(in, answer).get(SensorDrift.SCORE)).hasSize(400);
                assertThat(m.driftOutputs(in, answer)).isEmpty(); // handed over once
                assertThat(m.driftFeatures(in).keySet()).allMatch(k -> k.endsWith(SensorDrift.SUFFIX));
                assertThat(m.driftProfile().orElseThrow().outputNames()).containsExactly(SensorDrift.SCORE);
                assertThatThrownBy(
                                () -> m.predict(
                                        "timestamp,other\n2024-01-01 00:00:00,1\n2024-01-01 00:01:00,2\n2024-01-01 00:02:00,3\n"))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessageContaining("missing");
            }
        }
    }

    @Test
    void badInputIsRefusedOrRepairedWithANote(@TempDir Path dir) throws Exception {
        try (LstmForge forge = NabAutoencoderTest.forge("pytorch-cpu", dir.resolve("models"), null)) {
            Path noNumbers = Files.writeString(
                    dir.resolve("words.csv"),
                    "timestamp,state\n2024-01-01 00:00:00,ok\n2024-01-01 00:01:00,ok\n2024-01-01 00:02:00,bad\n");
            assertThatThrownBy(() -> forge.train("sensor-anomaly", noNumbers, FAST_AE))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("words.csv")
                    .hasMessageContaining("no numeric");

            Path constant = Files.writeString(dir.resolve("flat.csv"), constantSeries(2000));
            assertThatThrownBy(() -> forge.train("sensor-anomaly", constant, FAST_AE))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("constant")
                    .hasMessageContaining("temp");

            Path series = Files.writeString(dir.resolve("series.csv"), SensorFixtures.csv(3000, false));
            Path labels = Files.writeString(
                    dir.resolve("windows.json"),
                    "{\"realKnownCause/other.csv\": [[\"2024-01-01 01:00:00.000000\", \"2024-01-01 02:00:00.000000\"]]}");
            assertThatThrownBy(() ->
                            forge.train("sensor-anomaly", series, merge(FAST_AE, Map.of("labels", labels.toString()))))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("series.csv");
            Path outside = Files.writeString(
                    dir.resolve("outside.json"),
                    "{\"realKnownCause/series.csv\": [[\"2031-01-01 01:00:00.000000\", \"2031-01-01 02:00:00.000000\"]]}");
            assertThatThrownBy(() ->
                            forge.train("sensor-anomaly", series, merge(FAST_AE, Map.of("labels", outside.toString()))))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("2031-01-01")
                    .hasMessageContaining("outside");

            String withGaps = SensorFixtures.csv(3000, false)
                    .replaceFirst("\n(2024-01-01 00:10:00),[^,\n]*", "\n$1,NaN")
                    .replaceFirst("\n(2024-01-01 00:20:00),[^,\n]*", "\n$1,");
            Path gaps = Files.writeString(dir.resolve("gaps.csv"), withGaps);
            TrainResult repaired = forge.train("sensor-anomaly", gaps, FAST_AE);
            String provenance = Files.readString(repaired.version().dir().resolve("provenance.json"));
            assertThat(provenance).contains("gaps.csv").containsIgnoringCase("interpolat");
            assertThat(forge.store().versions("sensor-anomaly")).hasSize(1);
        }
    }

    private static String constantSeries(int rows) {
        StringBuilder sb = new StringBuilder("timestamp,temp\n");
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 0; i < rows; i++) {
            sb.append(t.plusMinutes(i).toString().replace('T', ' ')).append(":00,20.5\n");
        }
        return sb.toString();
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }
}
