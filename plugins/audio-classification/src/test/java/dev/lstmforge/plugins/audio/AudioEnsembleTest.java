package dev.lstmforge.plugins.audio;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.lstmforge.support.block.EnsembleBlock;
import dev.lstmforge.support.block.SequenceStreamsBlock;
import dev.lstmforge.testkit.TestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code members} builds an ensemble and says in the report how to read its losses. */
class AudioEnsembleTest {

    private final AudioClassificationProject project = new AudioClassificationProject();

    private static final Map<String, String> SMALL = Map.of("sampleRate", "8000", "nFft", "512", "hopLength", "128");

    @Test
    void membersBuildAnEnsembleAndTheReportSaysHowToReadItsLosses() throws Exception {
        Map<String, String> two = new HashMap<>(SMALL);
        two.put("members", "2");
        try (TestContext ctx = TestContext.of(project, two).withSeed(3)) {
            AudioData data = project.prepare(ctx, null);
            assertThat(data.notes())
                    .anySatisfy(n -> assertThat(n).contains("ensemble of 2").contains("members' mean"));
            Block block = project.newBlock(ctx.hyperParameters(), data.state());
            assertThat(block)
                    .isInstanceOfSatisfying(
                            EnsembleBlock.class, e -> assertThat(e.size()).isEqualTo(2));
        }
        try (TestContext ctx = TestContext.of(project, SMALL).withSeed(3)) {
            AudioData data = project.prepare(ctx, null);
            assertThat(data.notes()).noneSatisfy(n -> assertThat(n).contains("ensemble"));
            assertThat(project.newBlock(ctx.hyperParameters(), data.state())).isInstanceOf(SequenceStreamsBlock.class);
        }
    }
}
