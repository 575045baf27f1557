package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The text-generation plugin jar through the CLI: train, generate, bad options, export to plain DJL. */
class TextGenerationCliTest {

    private static final Path TEXT_JAR = Cli.DIST_PLUGINS.resolve("lstmforge-plugin-text-generation.jar");

    @Test
    void trainGenerateAndExport(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(TEXT_JAR, plugins.resolve("text-generation.jar"));
        Path models = tmp.resolve("models");
        Path corpus = tmp.resolve("corpus.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("ROMEO:\nBut soft, what light through yonder window breaks?\n\n");
        }
        Files.writeString(corpus, sb);

        Cli.Result train = Cli.run(plugins, models, "train", "text-generation", "--data", corpus.toString(),
                "-P", "epochs=3", "-P", "window=40", "-P", "hiddenSize=32", "-P", "embeddingSize=16",
                "-P", "sampleLength=20");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("validation_nats_per_token").contains("saved text-generation/v1");

        Cli.Result gen = Cli.run(plugins, models, "generate", "text-generation", "--prompt", "ROMEO:",
                "--temperature", "0.5", "--length", "60");
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("ROMEO:");
        assertThat(gen.out().strip().length()).isGreaterThan(40);

        Cli.Result again = Cli.run(plugins, models, "generate", "text-generation", "--prompt", "ROMEO:",
                "--temperature", "0.5", "--length", "60");
        assertThat(again.out()).isEqualTo(gen.out());

        Cli.Result bad = Cli.run(plugins, models, "generate", "text-generation", "--temperature", "0");
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("temperature").contains("0");

        Path export = tmp.resolve("export");
        assertThat(Cli.run(plugins, models, "export", "text-generation", "-o", export.toString()).code()).isZero();
        String probe = EndToEndTest.runServingProbe(export, "PyTorch", "{\"prompt\": \"ROMEO:\", \"length\": 30}");
        assertThat(probe).contains("code=200").contains("ROMEO:");
    }
}
