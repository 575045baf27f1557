package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge drift} for a character model: prompts cut from text like its corpus keep the
 * training text's unknown-character share (none), prompts in an alphabet it never saw do not.
 */
class TextDriftCliTest {

    private static final List<String> LINES = List.of(
            "ROMEO:\nBut soft, what light through yonder window breaks?\n",
            "JULIET:\nO Romeo, Romeo! wherefore art thou Romeo?\n",
            "MERCUTIO:\nA plague o' both your houses!\n",
            "FRIAR LAURENCE:\nThese violent delights have violent ends.\n");

    private static Path prompts(Path dir, List<String> texts) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < texts.size(); i++) {
            Files.writeString(dir.resolve(String.format("p%03d.txt", i)), texts.get(i), StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Test
    void promptsInAnUnseenAlphabetDriftAndPromptsLikeTheCorpusDoNot(@TempDir Path tmp) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            sb.append(LINES.get(i % LINES.size())).append('\n');
        }
        String corpus = sb.toString();
        Path file = Files.writeString(tmp.resolve("corpus.txt"), corpus, StandardCharsets.UTF_8);
        Path models = tmp.resolve("models");
        Cli.Result train = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "train",
                "text-generation",
                "--data",
                file.toString(),
                "-P",
                "epochs=1",
                "-P",
                "window=40",
                "-P",
                "hiddenSize=16",
                "-P",
                "embeddingSize=8",
                "-P",
                "sampleLength=10");
        assertThat(train.code()).as(train.err()).isZero();

        Random rnd = new Random(3);
        List<String> like = new java.util.ArrayList<>();
        List<String> unseen = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int len = 5 + rnd.nextInt(35);
            int start = rnd.nextInt(corpus.length() - len);
            like.add(corpus.substring(start, start + len));
            unseen.add("Грядёт зима, " + i);
        }
        Cli.Result same = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "text-generation",
                "--data",
                prompts(tmp.resolve("like"), like).toString(),
                "--report",
                tmp.resolve("r1").toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out())
                .contains("unknown_share")
                .contains("40 new values")
                .contains("verdict: no drift");

        Cli.Result other = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "text-generation",
                "--data",
                prompts(tmp.resolve("unseen"), unseen).toString(),
                "--report",
                tmp.resolve("r2").toString());
        assertThat(other.code()).as(other.err()).isZero();
        assertThat(other.out()).contains("verdict: DRIFT");
    }
}
