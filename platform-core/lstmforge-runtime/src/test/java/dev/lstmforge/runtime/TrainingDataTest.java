package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @TempDir
    Path tmp;

    private static String sha(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the provenance training would write for data given as {@code path}, and reads it back. */
    private static TrainingData recorded(Path path) {
        Map<String, Object> data = TrainingData.record(new DataFingerprint(path.toString(), "ab".repeat(32), 3), path);
        JsonObject prov =
                new Gson().toJsonTree(Map.of("data", data, "seed", 11)).getAsJsonObject();
        return TrainingData.read(prov);
    }

    @Test
    void aFileHashesToItsBytesSha256() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.csv"), "1\n2\n");
        assertThat(TrainingData.hash(f)).isEqualTo(sha("1\n2\n"));
    }

    @Test
    void aFolderHashesToItsSortedRelativePathsAndFileHashes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corpus/sub"));
        Files.writeString(tmp.resolve("corpus/b.txt"), "bee");
        Files.writeString(dir.resolve("a.txt"), "ay");

        String expected = sha("b.txt\0" + sha("bee") + "\n" + "sub/a.txt\0" + sha("ay") + "\n");

        assertThat(TrainingData.hash(tmp.resolve("corpus"))).isEqualTo(expected);
    }

    @Test
    void recordedPathAndSeedAreReadBack() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.csv"), "1\n");
        TrainingData d = recorded(f);

        assertThat(d.path()).isEqualTo(f.toAbsolutePath());
        assertThat(d.pathSha256()).isEqualTo(sha("1\n"));
        assertThat(d.given()).isEqualTo("path");
        assertThat(d.seed()).isEqualTo(11L);
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.choose(null, "m").path()).isEqualTo(f.toAbsolutePath());
    }

    @Test
    void aChangedFileInARecordedFolderIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(dir.resolve("a.txt"), "one");
        TrainingData d = recorded(dir);
        assertThat(d.choose(null, "m").path()).isEqualTo(dir.toAbsolutePath());

        Files.writeString(dir.resolve("extra.txt"), "two");

        assertThatThrownBy(() -> d.choose(null, "models/text/v1"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(
                        "models/text/v1 was trained on " + dir.toAbsolutePath() + ", which has changed since (sha256 ");
        assertThat(d.choose(dir, "m").origin()).isEqualTo("given with --data");
    }

    @Test
    void provenanceWithoutDataFallsBackToTheDefaultAndSaysNothingWasRecorded() {
        TrainingData d = TrainingData.read(new JsonObject());

        assertThat(d.describe()).isEqualTo("not recorded in the model's provenance");
        assertThat(d.choose(null, "m").isDefault()).isTrue();
        assertThat(d.differenceFrom(new DataFingerprint("x", "00", 1))).isNull();
        assertThat(d.seed()).isNull();
    }
}
