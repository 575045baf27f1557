package dev.lstmforge.plugins.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.audio.data.FullFsdd;
import dev.lstmforge.support.DataException;
import dev.lstmforge.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -P dataset=fsdd-full} reaches the verified download, and never competes with --data. */
class AudioDatasetParamTest {

    private final AudioClassificationProject project = new AudioClassificationProject();

    @TempDir
    Path root;

    @Test
    void fullFsddChecksTheFilesInTheDataRootBeforeAnyDownload() throws Exception {
        Path planted = Files.createDirectories(root.resolve(FullFsdd.FOLDER)).resolve("0_george_0.wav");
        Files.writeString(planted, "not the recording");

        try (TestContext ctx =
                TestContext.of(project, Map.of("dataset", FullFsdd.NAME)).withDataRoot(root)) {
            assertThatThrownBy(() -> project.prepare(ctx, null))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith(planted.toString())
                    .hasMessageContaining("left untouched");
        }
        assertThat(planted).hasContent("not the recording");
    }

    @Test
    void datasetAndDataTogetherAreRefused() throws Exception {
        try (TestContext ctx =
                TestContext.of(project, Map.of("dataset", FullFsdd.NAME)).withData(root)) {
            assertThatThrownBy(() -> project.prepare(ctx, null))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("dataset=fsdd-full")
                    .hasMessageContaining("--data " + root)
                    .hasMessageContaining("give one of them");
        }
    }
}
