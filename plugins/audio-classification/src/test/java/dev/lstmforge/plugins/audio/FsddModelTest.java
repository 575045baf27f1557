package dev.lstmforge.plugins.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the default two-stream model briefly on the shared FSDD (official split) and checks that
 * learning happened, then serves it: a clip gets the same answer alone and inside a padded batch,
 * and the same clip as FLAC or MP3 gets the WAV's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsddModelTest {

    private LstmForge forge;
    private TrainResult trained;

    @BeforeAll
    void train(@TempDir Path models) throws Exception {
        Path fsdd = AudioFixtures.fsdd();
        forge = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("no-plugins"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine("pytorch-cpu")
                .seed(11)
                .dataRoot(fsdd.getParent().getParent())
                .build();
        // without augmentation, so that six epochs learn enough for the assertions (AugmentationTest and
        // the contract tests cover the augmented path)
        trained = forge.train("audio-classification", null, Map.of("epochs", "6", "augment", "false"));
    }

    @AfterAll
    void close() {
        if (forge != null) {
            forge.close();
        }
    }

    @Test
    void learningHappenedFarAboveChance() {
        Map<String, Double> m = trained.evaluation().metrics();
        assertThat(m.get("test_clips")).isEqualTo(200.0);
        assertThat(m.get("majority_baseline_accuracy")).isEqualTo(0.1);
        assertThat(m.get("accuracy")).isGreaterThan(0.7);
        assertThat(m.get("p_value_vs_baseline")).isLessThan(1e-20);
        assertThat(trained.evaluation().summary()).contains("beats the majority-class baseline");
        assertThat(trained.evaluation().heatmaps()).hasSize(1);
        // the DTW template baseline matches test clips against training clips only: a test clip among
        // the templates would be at distance 0 from itself and push it to 100%
        assertThat(m.get("dtw_baseline_accuracy")).isBetween(0.5, 0.995);
        assertThat(m.get("p_value_vs_dtw_baseline")).isBetween(0.0, 1.0);
        assertThat(trained.evaluation().summary()).contains("the DTW template baseline (");
        var epochs = trained.history().epochs();
        assertThat(epochs.get(epochs.size() - 1).trainLoss())
                .isLessThan(epochs.get(0).trainLoss() / 2);
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void aClipGetsTheSameAnswerAloneAndInsideAPaddedBatch() throws Exception {
        List<Path> files = AudioFixtures.fsddFiles(5);
        List<byte[]> bodies = new ArrayList<>();
        for (Path f : files) {
            bodies.add(Files.readAllBytes(f));
        }
        try (LoadedModel m = forge.load("audio-classification")) {
            List<String> batch = m.predictAll(bodies, Map.of("top", "10"));
            for (int i = 0; i < bodies.size(); i++) {
                JsonObject alone = json(m.predict(bodies.get(i), Map.of("top", "10")));
                JsonObject inBatch = json(batch.get(i));
                assertThat(inBatch.get("label").getAsString())
                        .isEqualTo(alone.get("label").getAsString());
                for (int k = 0; k < 10; k++) {
                    JsonObject a = alone.getAsJsonArray("top").get(k).getAsJsonObject();
                    JsonObject b = inBatch.getAsJsonArray("top").get(k).getAsJsonObject();
                    assertThat(b.get("class").getAsString())
                            .isEqualTo(a.get("class").getAsString());
                    assertThat(b.get("probability").getAsDouble())
                            .isCloseTo(a.get("probability").getAsDouble(), within(1e-5));
                }
            }
        }
    }

    @Test
    void flacAndMp3OfAClipGetTheWavsAnswer(@TempDir Path tmp) throws Exception {
        try (LoadedModel m = forge.load("audio-classification")) {
            for (Path wav : AudioFixtures.fsddFiles(3)) {
                String name = wav.getFileName().toString().replace(".wav", "");
                JsonObject w = json(m.predict(Files.readAllBytes(wav), Map.of()));
                JsonObject flac = json(m.predict(
                        Files.readAllBytes(AudioFixtures.encode(wav, tmp.resolve(name + ".flac"), "flac")), Map.of()));
                JsonObject mp3 = json(m.predict(
                        Files.readAllBytes(AudioFixtures.encode(wav, tmp.resolve(name + ".mp3"), "mp3")), Map.of()));
                assertThat(flac.get("probability").getAsDouble())
                        .isCloseTo(w.get("probability").getAsDouble(), within(1e-6));
                assertThat(mp3.get("label").getAsString())
                        .isEqualTo(w.get("label").getAsString());
                assertThat(w.get("seconds").getAsDouble()).isGreaterThan(0.1);
            }
        }
    }

    @Test
    void aRequestThatIsNotAudioIsABadRequest() {
        try (LoadedModel m = forge.load("audio-classification")) {
            assertThatThrownBy(() -> m.predict("hello".getBytes(StandardCharsets.UTF_8), Map.of()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("request: not an audio file FFmpeg can read");
            assertThatThrownBy(() -> m.predict(new byte[0], Map.of()))
                    .hasMessageContaining("send the bytes of an audio file");
        }
    }
}
