package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge drift} on a folder of clips: an audio model trained on three FSDD speakers sees
 * the fourth speaker's clips as drifted (duration and loudness), and a random sample of its
 * training speakers' clips as not.
 */
class AudioDriftCliTest {

    private static final Path FSDD =
            Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"), "audio", "fsdd");

    private static Path folder(Path dir, List<Path> clips) throws IOException {
        Files.createDirectories(dir);
        for (Path c : clips) {
            Files.copy(c, dir.resolve(c.getFileName()));
        }
        return dir;
    }

    @Test
    void aNewSpeakerDriftsAndASampleOfTheTrainingSpeakersDoesNot(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FSDD), "shared FSDD folder not present");
        List<Path> all;
        try (Stream<Path> s = Files.list(FSDD)) {
            all = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        Path models = tmp.resolve("models");
        Cli.Result trained = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "train",
                "audio-classification",
                "--data",
                FSDD.toString(),
                "-P",
                "split=speaker",
                "-P",
                "holdOut=nicolas",
                "-P",
                "epochs=1");
        assertThat(trained.code()).as(trained.err()).isZero();

        List<Path> nicolas = all.stream()
                .filter(p -> p.getFileName().toString().contains("_nicolas_"))
                .toList();
        Cli.Result newSpeaker = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "audio-classification",
                "--data",
                folder(tmp.resolve("nicolas"), nicolas).toString(),
                "--report",
                tmp.resolve("r1").toString());
        assertThat(newSpeaker.code()).as(newSpeaker.err()).isZero();
        assertThat(newSpeaker.out())
                .contains("rms_db")
                .contains("seconds")
                .contains("500 new values")
                .contains("verdict: DRIFT");

        List<Path> known = new ArrayList<>(all.stream()
                .filter(p -> !p.getFileName().toString().contains("_nicolas_"))
                .toList());
        Collections.shuffle(known, new Random(5));
        Cli.Result sample = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "audio-classification",
                "--data",
                folder(tmp.resolve("known"), known.subList(0, 400)).toString(),
                "--report",
                tmp.resolve("r2").toString());
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("400 new values").contains("verdict: no drift");
    }
}
