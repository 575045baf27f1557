package dev.lstmforge.plugins.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prepare} reports every repair and fallback through {@code ctx.warn}, with counts and places. */
class TextPrepareTest {

    private final TextGenerationProject project = new TextGenerationProject();
    private TestContext ctx;

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private TestContext context(Path data, Map<String, String> overrides) {
        ctx = TestContext.of(project, overrides).withData(data).withSeed(5);
        return ctx;
    }

    @Test
    void carriageReturnsRemovedFromTheCorpusAreCountedInAWarning(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("dos.txt");
        Files.writeString(corpus, "ROMEO:\r\nBut soft, what light through yonder window breaks?\r\n".repeat(300));

        TextData data = project.prepare(context(corpus, Map.of("window", "20")), null);

        // two line ends per repetition, 300 repetitions
        assertThat(ctx.warnings()).containsExactly("removed 600 carriage returns (\\r) from " + corpus);
        assertThat(data.state().tokens).doesNotContain("\r");
        assertThat(data.description()).startsWith(corpus + ": 17,400 characters; char-level");
    }

    @Test
    void aCleanCorpusGivesNoWarningAndTheCutIsDescribed(@TempDir Path dir) throws Exception {
        Path corpus =
                Files.writeString(dir.resolve("unix.txt"), "To be, or not to be: that is the question.\n".repeat(100));

        TextData data = project.prepare(context(corpus, Map.of("window", "20", "corpusChars", "2000")), null);

        assertThat(ctx.warnings()).isEmpty();
        assertThat(data.description()).startsWith(corpus + ": the first 2,000 of 4,300 characters (corpusChars)");
    }

    @Test
    void withoutDataTheGeneratedCorpusIsAWarning() throws Exception {
        project.prepare(context(null, Map.of("corpusChars", "20000", "window", "50")), null);

        assertThat(ctx.warnings())
                .containsExactly(
                        "no corpus given (--data or -P corpus=NAME) and none found under the "
                                + "data root; training on a generated play-like corpus of about 200,000 characters, not on real text");
    }

    @Test
    void badSampleTemperaturesStopTheRunBeforeTraining(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "abc\n".repeat(200));

        assertThatThrownBy(() -> project.prepare(context(corpus, Map.of("sampleTemperatures", "0.5;1")), null))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'0.5;1' is not a number");
    }
}
