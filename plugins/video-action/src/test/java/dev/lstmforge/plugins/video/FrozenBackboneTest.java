package dev.lstmforge.plugins.video;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretrained ResNet backbone from a local DJL file, frozen: its per-frame features are computed
 * once per clip, cached, and read back by the next run; the saved model still answers from frames.
 * The weights are random (a small ResNet saved here), which is all the path needs.
 */
class FrozenBackboneTest {

    @Test
    void featuresAreCachedOnceAndTheModelPredictsFromFrames(@TempDir Path tmp) throws Exception {
        Path weights = tmp.resolve("weights");
        try (Model saved = Model.newInstance("tiny", "PyTorch")) {
            SequentialBlock net = ResNetV1.builder()
                    .setImageShape(new Shape(3, 32, 32))
                    .setNumLayers(18)
                    .setOutSize(10)
                    .build();
            saved.setBlock(net);
            net.initialize(saved.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
            saved.save(weights, "tiny");
        }
        Path file;
        try (Stream<Path> s = Files.list(weights)) {
            file = s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
        Path cache = Path.of(System.getProperty("lstmforge.cacheDir"), "video-action", "features");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> s = Files.list(cache)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        Map<String, String> hp = Map.of(
                "epochs", "1",
                "frames", "4",
                "frameSize", "32",
                "hiddenSize", "8",
                "clipsPerClass", "4",
                "backbone", "resnet",
                "backboneWeights", file.toString(),
                "backboneClasses", "10",
                "freezeBackbone", "true");
        try (LstmForge forge = TestForge.open(tmp, 11)) {
            TrainResult first = forge.train("video-action", null, hp);
            List<Path> entries = entries(cache);
            // 8 classes x 4 clips, each cached once
            assertThat(entries).hasSize(32);
            assertThat(first.evaluation().sections().toString()).contains("\n0 clip(s) from the feature cache");

            TrainResult second = forge.train("video-action", null, hp);
            assertThat(entries(cache)).isEqualTo(entries);
            assertThat(second.evaluation().sections().toString()).contains("32 clip(s) from the feature cache");
            assertThat(second.evaluation().metrics().get("accuracy"))
                    .isEqualTo(first.evaluation().metrics().get("accuracy"));

            Path clip;
            try (Stream<Path> s = Files.walk(Path.of(System.getProperty("lstmforge.cacheDir"), "video-action"))) {
                clip = s.filter(p -> p.toString().endsWith(".mp4")).findFirst().orElseThrow();
            }
            try (LoadedModel m = forge.load("video-action")) {
                assertThat(m.predict(Files.readAllBytes(clip), Map.of())).contains("\"label\"");
            }
        }
    }

    private static List<Path> entries(Path cache) throws Exception {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".feat")).sorted().toList();
        }
    }
}
