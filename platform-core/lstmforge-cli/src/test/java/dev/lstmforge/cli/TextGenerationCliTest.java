package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        Cli.Result train = Cli.run(
                plugins,
                models,
                "train",
                "text-generation",
                "--data",
                corpus.toString(),
                "-P",
                "epochs=3",
                "-P",
                "window=40",
                "-P",
                "hiddenSize=32",
                "-P",
                "embeddingSize=16",
                "-P",
                "sampleLength=20");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("validation_nats_per_token").contains("saved text-generation/v1");

        Cli.Result list = Cli.run(plugins, models, "list");
        assertThat(list.out()).contains("project text-generation (generation); capabilities: generate");

        Cli.Result gen = Cli.run(
                plugins,
                models,
                "generate",
                "text-generation",
                "--prompt",
                "ROMEO:",
                "--temperature",
                "0.5",
                "--length",
                "60");
        assertThat(gen.code()).as(gen.err()).isZero();
        // generate prints the text itself; the JSON response is what predict and DJL Serving return.
        String text = gen.out().strip();
        assertThat(text).startsWith("ROMEO:").hasSizeGreaterThan("ROMEO:".length() + 40);
        assertThat(text).doesNotStartWith("{");

        // Same seed (the default 42), same text.
        Cli.Result again = Cli.run(
                plugins,
                models,
                "generate",
                "text-generation",
                "--prompt",
                "ROMEO:",
                "--temperature",
                "0.5",
                "--length",
                "60");
        assertThat(again.out().strip()).isEqualTo(text);

        // A prompt character the vocabulary lacks is named on stderr, the text still on stdout.
        Cli.Result odd =
                Cli.run(plugins, models, "generate", "text-generation", "--prompt", "ROMEO\u00e9:", "--length", "10");
        assertThat(odd.code()).as(odd.err()).isZero();
        assertThat(odd.err()).contains("warning: prompt characters not in the vocabulary");

        // predict returns the translator's JSON, with the same text for the same request.
        Cli.Result predicted = Cli.run(
                plugins,
                models,
                "predict",
                "text-generation",
                "--text",
                "{\"prompt\": \"ROMEO:\", \"length\": 60, \"temperature\": 0.5}");
        assertThat(predicted.code()).as(predicted.err()).isZero();
        JsonObject generated = JsonParser.parseString(predicted.out()).getAsJsonObject();
        assertThat(generated.get("text").getAsString().strip()).isEqualTo(text);
        assertThat(generated.get("tokens").getAsInt()).isEqualTo(60);

        Cli.Result bad = Cli.run(plugins, models, "generate", "text-generation", "--temperature", "0");
        assertThat(bad.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("temperature").contains("0");

        Path export = tmp.resolve("export");
        assertThat(Cli.run(plugins, models, "export", "text-generation", "-o", export.toString())
                        .code())
                .isZero();
        String probe = EndToEndTest.runServingProbe(export, "PyTorch", "{\"prompt\": \"ROMEO:\", \"length\": 30}");
        assertThat(probe).contains("code=200").contains("ROMEO:");
    }

    @Test
    void corpusThatIsNotUtf8IsOneLineNamingTheFileWithoutClassNames(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(TEXT_JAR, plugins.resolve("text-generation.jar"));
        Path models = tmp.resolve("models");
        byte[] text = "ROMEO:\nBut soft, what light through yonder window breaks?\n"
                .repeat(200)
                .getBytes(StandardCharsets.US_ASCII);
        text[1000] = (byte) 0xE9; // a Latin-1 'é' in a UTF-8 corpus
        Path corpus = Files.write(tmp.resolve("latin1.txt"), text);

        Cli.Result r =
                Cli.run(plugins, models, "train", "text-generation", "--data", corpus.toString(), "-P", "epochs=1");

        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        String line = r.err().strip();
        assertThat(line)
                .startsWith("lstmforge: ")
                .doesNotContain("\n")
                .contains("latin1.txt")
                .contains("UTF-8")
                .doesNotContain("Exception");
        assertThat(models.resolve("text-generation/v1")).doesNotExist();
    }
}
