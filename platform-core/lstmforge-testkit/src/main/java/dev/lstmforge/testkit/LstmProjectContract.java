package dev.lstmforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.spi.LstmForgeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JUnit 5 contract a plugin's test extends: its project is found on the test classpath by the
 * real PF4J host, trained with a small budget on PyTorch and on MXNet, saved with complete
 * provenance, reloaded, evaluated to the same metrics, and asked for a prediction.
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
            "project", "plugin", "pluginVersion", "platformVersion", "djlVersion", "engine", "engineVersion",
            "device", "seed", "hyperParameters", "data", "startedAt", "finishedAt", "bestEpoch");

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
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("no-plugins"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine(engine)
                .seed(7)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void trainsSavesReloadsAndPredicts(String engine, @TempDir Path models) throws Exception {
        try (LstmForge forge = forge(engine, models)) {
            assertThat(forge.projects()).containsKey(projectId());
            TrainResult r = forge.train(projectId(), dataFile(), smallBudget());

            assertThat(r.history().epochs()).isNotEmpty();
            assertThat(r.history().epochs()).allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
            assertThat(r.evaluation().metrics()).isNotEmpty();
            Path dir = r.version().dir();
            for (String file : List.of("state.json", "hyperparameters.json", "metrics.json", "history.json",
                    "provenance.json", "serving.properties")) {
                assertThat(dir.resolve(file)).isRegularFile();
            }
            String provenance = Files.readString(dir.resolve("provenance.json"));
            for (String key : PROVENANCE_KEYS) {
                assertThat(provenance).contains("\"" + key + "\"");
            }
            assertThat(provenance).contains(forge.engine().engineName()).contains("sha256");
            assertThat(forge.store().resolve(projectId()).ref()).isEqualTo(r.version().ref());

            ReportEntry again = forge.evaluate(r.version().ref(), dataFile());
            // Reloading must reproduce every metric the evaluation computes (timings aside).
            r.evaluation().metrics().forEach((k, v) -> {
                if (Double.isFinite(v) && again.evaluation().metrics().containsKey(k) && !k.contains("seconds")
                        && !k.contains("per_second")) {
                    assertThat(again.evaluation().metrics().get(k)).as(k)
                            .isCloseTo(v, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(v))));
                }
            });

            try (LoadedModel m = forge.load(projectId())) {
                assertThat(m.predict(sampleRequest())).isNotBlank();
            }
        }
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
