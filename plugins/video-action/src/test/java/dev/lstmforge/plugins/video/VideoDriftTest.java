package dev.lstmforge.plugins.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.modality.Input;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.drift.DataDrift;
import dev.lstmforge.runtime.drift.DriftProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video drift features: their arithmetic, the saved profile, and a check on the model's own clips. */
class VideoDriftTest {

    @Test
    void brightnessIsTheMeanAndMotionTheMeanChangeBetweenFrames() {
        float[] twoFrames = {0, 0, 0, 1, 1, 1, 9, 9, 9};
        Map<String, double[]> f = VideoDrift.of(List.of(twoFrames), List.of(2), 3);
        assertThat(f.get(VideoDrift.BRIGHTNESS)[0]).isCloseTo(0.5, within(1e-12));
        assertThat(f.get(VideoDrift.MOTION)[0]).isCloseTo(1.0, within(1e-12));
        Map<String, double[]> still = VideoDrift.of(List.of(new float[] {2, 2, 2, 2}), List.of(1), 4);
        assertThat(still.get(VideoDrift.MOTION)[0]).isZero();
    }

    @Test
    void theProfileHoldsClipsAndConfidenceAndTheModelsOwnClipsDoNotDrift(@TempDir Path tmp) throws Exception {
        try (LstmForge forge = TestForge.open(tmp, 7)) {
            TrainResult r = forge.train(
                    "video-action",
                    null,
                    Map.of("epochs", "1", "frames", "4", "frameSize", "32", "hiddenSize", "8", "clipsPerClass", "4"));
            DriftProfile profile = DriftProfile.read(r.version().dir());
            assertThat(profile.names()).contains(VideoDrift.BRIGHTNESS, VideoDrift.MOTION, "confidence");
            assertThat(profile.outputNames()).containsExactly("confidence");

            JsonObject state = JsonParser.parseString(
                            Files.readString(r.version().dir().resolve("state.json")))
                    .getAsJsonObject();
            Path generated = Path.of(state.get("dataSource").getAsString());
            Path all = Files.createDirectories(tmp.resolve("clips"));
            List<Path> clips;
            try (Stream<Path> s = Files.walk(generated)) {
                clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
            }
            for (Path c : clips) {
                Files.copy(c, all.resolve(c.getParent().getFileName() + "-" + c.getFileName()));
            }
            DataDrift d = forge.drift(r.version().ref(), all);
            assertThat(d.result().drifted()).as(d.result().toJson()).isFalse();
            assertThat(d.result().feature(VideoDrift.BRIGHTNESS).orElseThrow().currentCount())
                    .isEqualTo(clips.size());

            // a clip just predicted gives the features a fresh decode gives
            byte[] bytes = Files.readAllBytes(clips.get(0));
            try (LoadedModel m = forge.load(r.version().ref())) {
                Input predicted = new Input();
                predicted.add("data", bytes);
                m.predictBatch(List.of(predicted));
                Input fresh = new Input();
                fresh.add("data", bytes);
                Map<String, double[]> kept = m.driftFeatures(predicted);
                Map<String, double[]> decoded = m.driftFeatures(fresh);
                assertThat(kept.get(VideoDrift.BRIGHTNESS)).containsExactly(decoded.get(VideoDrift.BRIGHTNESS));
                assertThat(kept.get(VideoDrift.MOTION)).containsExactly(decoded.get(VideoDrift.MOTION));
            }
        }
    }
}
