package dev.lstmforge.plugins.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.video.decode.VideoFixtures;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predicting through the serving translator on clips unlike the training clips: full HD at 60
 * fps, the shared real clip, a batch of several; and a request that is not a video.
 */
class VideoPredictTest {

    @Test
    void answersForOtherSizesAndFrameRatesAloneAndInABatch(@TempDir Path tmp) throws Exception {
        try (LstmForge forge = TestForge.open(tmp, 7)) {
            forge.train(
                    "video-action",
                    null,
                    Map.of("epochs", "1", "frames", "4", "frameSize", "32", "hiddenSize", "8", "clipsPerClass", "4"));
            Path hd = VideoFixtures.counterClip(tmp.resolve("hd.mp4"), 1920, 1080, 8, 60, 4, Set.of());
            byte[] hdBytes = Files.readAllBytes(hd);
            try (LoadedModel m = forge.load("video-action")) {
                String alone = m.predict(hdBytes, Map.of("top", "2"));
                assertThat(alone).contains("\"label\"").contains("\"frames\"");
                assertThat(alone.split("\"class\"")).hasSize(3);
                Path shared = VideoFixtures.sharedClip();
                if (shared != null && Files.isRegularFile(shared)) {
                    assertThat(m.predict(Files.readAllBytes(shared), Map.of())).contains("\"label\"");
                }
                List<String> batch = m.predictAll(List.of(hdBytes, hdBytes), Map.of("top", "2"));
                assertThat(batch).containsExactly(alone, alone);
                assertThatThrownBy(() -> m.predict("not a video".getBytes(), Map.of()))
                        .hasMessageContaining("request: ")
                        .hasMessageContaining("not a video");
            }
        }
    }
}
