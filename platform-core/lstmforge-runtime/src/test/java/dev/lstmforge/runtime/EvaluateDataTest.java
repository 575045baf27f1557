package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.fixture.TinyProject;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} without data uses what the model was trained on. The tiny project's
 * {@code test_mean} is the mean of the last 20% of the raw values, so it tells the data apart:
 * 1..20 gives (17+18+19+20)/4 = 18.5, 101..120 gives 118.5, the generated ramp 0.00..0.99 gives
 * (0.80+0.99)/2 = 0.895.
 */
class EvaluateDataTest {

    @TempDir
    Path tmp;

    @Test
    void withoutDataTheRecordedTrainingFileIsUsedAndNamed() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();

            ReportEntry e = forge.evaluate(v.ref(), null);

            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(18.5, within(1e-6));
            assertThat(e.facts().get("data")).startsWith(a.toString() + " (20 rows, sha256 ");
            assertThat(e.facts().get("data origin"))
                    .startsWith("the data the model was trained on (" + a.toAbsolutePath());
            assertThat(e.facts().get("training data")).startsWith(a.toAbsolutePath() + " (20 rows");
            assertThat(e.facts()).doesNotContainKey("warning 1");
        }
    }

    @Test
    void givenDataOverridesTheRecordedOne() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        Path b = TinyForge.series(tmp.resolve("b.txt"), 101, 120);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();

            ReportEntry e = forge.evaluate(v.ref(), b);

            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(118.5, within(1e-6));
            assertThat(e.facts().get("data")).startsWith(b + " (20 rows");
            assertThat(e.facts().get("data origin")).isEqualTo("given with --data");
            assertThat(e.facts().get("training data"))
                    .startsWith(a.toAbsolutePath().toString());
        }
    }

    @Test
    void missingTrainingFileStopsWithAHintAtData() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();
            Files.delete(a);

            assertThatThrownBy(() -> forge.evaluate(v.ref(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(v.dir() + " was trained on " + a.toAbsolutePath()
                            + ", which no longer exists; evaluate on other data with --data PATH");
        }
    }

    @Test
    void changedTrainingFileStopsWithBothHashes() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();
            String before = TinyForge.sha256(a);
            TinyForge.series(a, 2, 21);
            String after = TinyForge.sha256(a);

            assertThatThrownBy(() -> forge.evaluate(v.ref(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(v.dir() + " was trained on " + a.toAbsolutePath() + ", which has changed since (sha256 "
                            + before.substring(0, 12) + "... then, " + after.substring(0, 12) + "... now); evaluate on "
                            + "it anyway, or on other data, with --data PATH");
            // --data still works on the changed file
            assertThat(forge.evaluate(v.ref(), a).evaluation().metrics().get("test_mean"))
                    .isCloseTo(19.5, within(1e-6));
        }
    }

    @Test
    void defaultDataIsPreparedAgainAndSaidSo() throws Exception {
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();

            ReportEntry e = forge.evaluate(v.ref(), null);

            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(0.895, within(1e-6));
            assertThat(e.facts().get("data")).startsWith("generated ramp (100 rows");
            assertThat(e.facts().get("data origin")).startsWith("the project's default data, as at training");
            assertThat(e.facts()).doesNotContainKey("warning 1");
        }
    }

    @Test
    void defaultDataThatDiffersFromTheRecordedFingerprintIsWarnedAbout() throws Exception {
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Path prov = v.dir().resolve("provenance.json");
            String text = Files.readString(prov);
            String recorded = text.replaceAll("(?s).*\"sha256\": \"([0-9a-f]{64})\".*", "$1");
            Files.writeString(prov, text.replace(recorded, "0".repeat(64)));
            Files.delete(v.dir().resolve("manifest.json")); // an older folder: nothing to check against

            ReportEntry e = forge.evaluate(v.ref(), null);

            assertThat(e.facts().get("warning 1"))
                    .isEqualTo("the model was trained on generated ramp (100 rows, "
                            + "sha256 000000000000...), but the project's default data is now generated ramp (100 rows, "
                            + "sha256 " + recorded.substring(0, 12)
                            + "...); evaluate on the training data with --data PATH");
        }
    }

    @Test
    void provenanceWithoutRecordedPathFindsTheSourceFileByItsHash() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20).toAbsolutePath();
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();
            // as provenance was written before paths were recorded
            Path prov = v.dir().resolve("provenance.json");
            JsonObject p = JsonParser.parseString(Files.readString(prov)).getAsJsonObject();
            for (String key : new String[] {"given", "path", "pathSha256"}) {
                p.getAsJsonObject("data").remove(key);
            }
            Files.writeString(prov, p.toString());
            Files.delete(v.dir().resolve("manifest.json"));
            assertThat(Files.readString(prov)).doesNotContain("pathSha256").contains("\"source\":\"" + a + "\"");

            ReportEntry e = forge.evaluate(v.ref(), null);

            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(18.5, within(1e-6));
            assertThat(e.facts().get("data origin")).contains(a.toString());
        }
    }
}
