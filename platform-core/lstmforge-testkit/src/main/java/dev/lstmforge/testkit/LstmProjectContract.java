package dev.lstmforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JUnit 5 contract a plugin's test extends: its project is found on the test classpath by the
 * real PF4J host, trained with a small budget on PyTorch and on MXNet, saved with complete
 * provenance and a manifest (store format, each file's size and SHA-256), reloaded, evaluated
 * without naming the data (so on the data recorded in its provenance) to the same metrics, and
 * asked for a prediction.
 *
 * <pre>{@code
 * class StockForecastContractTest extends LstmProjectContract {
 *     protected String projectId() { return "stock-forecast"; }
 *     protected Map<String, String> smallBudget() { return Map.of("epochs", "2"); }
 *     protected String sampleRequest() { return ""; }
 * }
 * }</pre>
 */
public abstract class LstmProjectContract {

    /** Provenance keys every saved model must have. */
    public static final List<String> PROVENANCE_KEYS = List.of(
            "project",
            "plugin",
            "pluginVersion",
            "platformVersion",
            "djlVersion",
            "engine",
            "engineVersion",
            "device",
            "seed",
            "hyperParameters",
            "data",
            "startedAt",
            "finishedAt",
            "bestEpoch");

    /**
     * Returns the id of the project under test.
     *
     * @return the project id
     */
    protected abstract String projectId();

    /**
     * Returns hyper-parameters that make training fast (a few seconds).
     *
     * @return overrides
     */
    protected abstract Map<String, String> smallBudget();

    /**
     * Returns a request body the serving translator accepts.
     *
     * @return the request body
     */
    protected abstract String sampleRequest();

    /**
     * Returns the request body as bytes; override for binary requests (for example an audio
     * file), else it is {@link #sampleRequest()} in UTF-8.
     *
     * @return the request body
     */
    protected byte[] sampleRequestBody() {
        return sampleRequest().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Returns the data file to train on, or null for the project's default data.
     *
     * @return the data path
     */
    protected Path dataFile() {
        return null;
    }

    /**
     * Opens the API on the test classpath's projects.
     *
     * @param engine the engine profile
     * @param models the model store
     * @return the API
     */
    protected LstmForge forge(String engine, Path models) {
        return ClasspathForge.open(engine, models);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void trainsSavesReloadsAndPredicts(String engine, @TempDir Path models) throws Exception {
        try (LstmForge forge = forge(engine, models)) {
            assertThat(forge.projects()).containsKey(projectId());
            TrainResult r = forge.train(projectId(), dataFile(), smallBudget());

            assertThat(r.history().epochs()).isNotEmpty();
            assertThat(r.history().epochs())
                    .allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
            assertThat(r.evaluation().metrics()).isNotEmpty();
            Path dir = r.version().dir();
            for (String file : List.of(
                    "state.json",
                    "hyperparameters.json",
                    "metrics.json",
                    "history.json",
                    "provenance.json",
                    "serving.properties",
                    "manifest.json")) {
                assertThat(dir.resolve(file)).isRegularFile();
            }
            assertManifest(dir);
            String provenance = Files.readString(dir.resolve("provenance.json"));
            for (String key : PROVENANCE_KEYS) {
                assertThat(provenance).contains("\"" + key + "\"");
            }
            assertThat(provenance).contains(forge.engine().engineName()).contains("sha256");
            assertThat(forge.store().resolve(projectId()).ref())
                    .isEqualTo(r.version().ref());

            // Without data, evaluate uses what the model was trained on (recorded in its provenance).
            ReportEntry again = forge.evaluate(r.version().ref(), null);
            assertThat(again.facts()).containsKey("data origin");
            // Reloading must reproduce every metric the evaluation computes (timings aside).
            r.evaluation().metrics().forEach((k, v) -> {
                if (Double.isFinite(v)
                        && again.evaluation().metrics().containsKey(k)
                        && !k.contains("seconds")
                        && !k.contains("per_second")) {
                    assertThat(again.evaluation().metrics().get(k))
                            .as(k)
                            .isCloseTo(v, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(v))));
                }
            });

            try (LoadedModel m = forge.load(projectId())) {
                assertThat(m.predict(sampleRequestBody(), Map.of())).isNotBlank();
            }
        }
    }

    /**
     * Checks a saved model folder's {@code manifest.json}: the store format this code writes, and
     * the size and SHA-256 of every other file in the folder, which {@link ModelLayout#verify()}
     * accepts.
     *
     * @param dir the model version folder
     * @throws IOException if the folder cannot be read
     */
    public static void assertManifest(Path dir) throws IOException {
        ModelLayout layout = new ModelLayout(dir);
        ModelLayout.Manifest manifest =
                layout.readManifest().orElseThrow(() -> new AssertionError(dir + " has no manifest.json"));
        assertThat(manifest.format()).as("store format").isEqualTo(ModelLayout.FORMAT);
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(ModelLayout.MANIFEST))
                    .sorted()
                    .toList();
        }
        assertThat(manifest.files().keySet())
                .as("files listed in manifest.json")
                .containsExactlyElementsOf(files);
        assertThat(files).anyMatch(n -> n.endsWith(ModelLayout.PARAMS_SUFFIX));
        for (String name : files) {
            assertThat(manifest.files().get(name).size()).as(name).isEqualTo(Files.size(dir.resolve(name)));
        }
        layout.verify();
    }

    @Test
    void rejectsUnknownHyperParameterWithoutSaving(@TempDir Path models) {
        try (LstmForge forge = forge("pytorch-cpu", models)) {
            assertThatThrownBy(() -> forge.train(projectId(), dataFile(), Map.of("noSuchKey", "1")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("noSuchKey");
            assertThat(forge.store().versions(projectId())).isEmpty();
        }
    }
}
