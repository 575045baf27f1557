package dev.lstmforge.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForgeConfigTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("lstmforge.properties");
        Files.writeString(f, content);
        return f;
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource({
        "dataRoot,   LSTMFORGE_DATA_ROOT",
        "enginesDir, LSTMFORGE_ENGINES_DIR",
        "models,     LSTMFORGE_MODELS",
        "plugins,    LSTMFORGE_PLUGINS",
        "engine,     LSTMFORGE_ENGINE",
        "seed,       LSTMFORGE_SEED"
    })
    void envNameSplitsCamelCase(String key, String env) {
        assertThat(ForgeConfig.envName(key)).isEqualTo(env);
    }

    @Test
    void keysAreTheDocumentedOnes() {
        assertThat(ForgeConfig.KEYS)
                .containsExactlyInAnyOrder("engine", "enginesDir", "models", "plugins", "dataRoot", "seed");
    }

    @Test
    void layersApplyInOrderExplicitSystemEnvFile() throws IOException {
        Path f = file("dataRoot=/from/file\n");
        Map<String, String> env = Map.of("LSTMFORGE_DATA_ROOT", "/from/env");
        Properties sys = props("lstmforge.dataRoot", "/from/system");

        assertThat(new ForgeConfig(env, sys, f).get("dataRoot", "/explicit")).contains("/explicit");
        assertThat(new ForgeConfig(env, sys, f).get("dataRoot", null)).contains("/from/system");
        assertThat(new ForgeConfig(env, new Properties(), f).get("dataRoot", null))
                .contains("/from/env");
        assertThat(new ForgeConfig(Map.of(), new Properties(), f).get("dataRoot", null))
                .contains("/from/file");
        assertThat(new ForgeConfig(Map.of(), new Properties(), null).get("dataRoot", null))
                .isEmpty();
    }

    @Test
    void eachKeyIsResolvedIndependently() throws IOException {
        Path f = file("models=file-models\nplugins=file-plugins\nengine=mxnet-cpu\n");
        ForgeConfig cfg = new ForgeConfig(
                Map.of("LSTMFORGE_PLUGINS", "env-plugins"), props("lstmforge.engine", "pytorch-gpu"), f);

        assertThat(cfg.get("models", null)).contains("file-models");
        assertThat(cfg.get("plugins", null)).contains("env-plugins");
        assertThat(cfg.get("engine", null)).contains("pytorch-gpu");
        assertThat(cfg.get("enginesDir", null)).isEmpty();
    }

    @Test
    void envUsesUpperSnakeCaseNameOnly() {
        Map<String, String> env = Map.of("dataRoot", "wrong", "LSTMFORGE_DATAROOT", "wrong", "DATA_ROOT", "wrong");

        assertThat(new ForgeConfig(env, new Properties(), null).get("dataRoot", null))
                .isEmpty();
        assertThat(new ForgeConfig(Map.of("LSTMFORGE_ENGINES_DIR", "/e"), new Properties(), null)
                        .get("enginesDir", null))
                .contains("/e");
    }

    @Test
    void systemPropertyUsesLstmforgePrefixAndKeyCase() {
        Properties sys = props("dataRoot", "wrong", "LSTMFORGE_DATA_ROOT", "wrong", "lstmforge.dataroot", "wrong");

        assertThat(new ForgeConfig(Map.of(), sys, null).get("dataRoot", null)).isEmpty();
    }

    @Test
    void blankValuesFallThroughToTheNextLayer() throws IOException {
        Path f = file("seed=7\nmodels=\n");
        ForgeConfig cfg = new ForgeConfig(
                Map.of("LSTMFORGE_SEED", "  ", "LSTMFORGE_MODELS", ""),
                props("lstmforge.seed", "", "lstmforge.models", " "),
                f);

        assertThat(cfg.get("seed", "   ")).contains("7");
        assertThat(cfg.get("seed", "")).contains("7");
        assertThat(cfg.longValue("seed", null)).contains(7L);
        assertThat(cfg.get("models", null)).isEmpty();
    }

    @Test
    void valuesFromLayersAreTrimmed() throws IOException {
        Path f = file("models =  out/models  \n");

        assertThat(new ForgeConfig(Map.of(), new Properties(), f).get("models", null))
                .contains("out/models");
        assertThat(new ForgeConfig(Map.of("LSTMFORGE_MODELS", " env "), new Properties(), f).get("models", null))
                .contains("env");
        assertThat(new ForgeConfig(Map.of(), props("lstmforge.models", "\tsys "), f).get("models", null))
                .contains("sys");
    }

    @Test
    void environmentMapIsCopied() {
        Map<String, String> env = new HashMap<>();
        env.put("LSTMFORGE_ENGINE", "mxnet-cpu");
        ForgeConfig cfg = new ForgeConfig(env, new Properties(), null);

        env.put("LSTMFORGE_ENGINE", "pytorch-gpu");

        assertThat(cfg.get("engine", null)).contains("mxnet-cpu");
    }

    @Test
    void unknownKeyInFileIsRejectedNamingFileAndKey() throws IOException {
        Path f = file("models=m\nmodles=typo\n");

        assertThatThrownBy(() -> new ForgeConfig(Map.of(), new Properties(), f))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(f + ": unknown key 'modles'; allowed keys: ")
                .hasMessageContaining("models")
                .hasMessageContaining("dataRoot");
    }

    @Test
    void environmentStyleKeyInFileIsRejected() throws IOException {
        Path f = file("LSTMFORGE_MODELS=m\n");

        assertThatThrownBy(() -> new ForgeConfig(Map.of(), new Properties(), f))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'LSTMFORGE_MODELS'");
    }

    @Test
    void unreadableFileIsNamed() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> new ForgeConfig(Map.of(), new Properties(), missing))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("cannot read config file " + missing);
    }

    @Test
    void pathResolvesLikeGet() throws IOException {
        Path f = file("plugins=build/plugins\n");
        ForgeConfig cfg = new ForgeConfig(Map.of(), new Properties(), f);

        assertThat(cfg.path("plugins", null)).contains(Path.of("build/plugins"));
        assertThat(cfg.path("plugins", Path.of("/opt/p"))).contains(Path.of("/opt/p"));
        assertThat(cfg.path("models", null)).isEmpty();
    }

    @Test
    void longValueParsesEachLayer() throws IOException {
        Path f = file("seed=11\n");

        assertThat(new ForgeConfig(Map.of(), new Properties(), f).longValue("seed", null))
                .contains(11L);
        assertThat(new ForgeConfig(Map.of("LSTMFORGE_SEED", "-5"), new Properties(), f).longValue("seed", null))
                .contains(-5L);
        assertThat(new ForgeConfig(Map.of(), props("lstmforge.seed", "9000000000"), f).longValue("seed", null))
                .contains(9_000_000_000L);
        assertThat(new ForgeConfig(Map.of(), new Properties(), f).longValue("seed", 3L))
                .contains(3L);
        assertThat(ForgeConfig.empty().longValue("seed", null)).isEmpty();
    }

    @Test
    void longValueErrorNamesKeyValueAndFile() throws IOException {
        Path f = file("seed=forty-two\n");

        assertThatThrownBy(() -> new ForgeConfig(Map.of(), new Properties(), f).longValue("seed", null))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("setting 'seed' must be an integer, got 'forty-two' (from the command line, "
                        + "-Dlstmforge.seed, LSTMFORGE_SEED or " + f + ")");
    }

    @Test
    void longValueErrorWithoutFileNamesKeyAndValue() {
        ForgeConfig cfg = new ForgeConfig(Map.of("LSTMFORGE_SEED", "1.5"), new Properties(), null);

        assertThatThrownBy(() -> cfg.longValue("seed", null))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("setting 'seed' must be an integer, got '1.5' (from the command line, "
                        + "-Dlstmforge.seed, LSTMFORGE_SEED)");
    }

    @Test
    void emptyConfigSeesOnlyExplicitValues() {
        ForgeConfig cfg = ForgeConfig.empty();

        assertThat(cfg.get("dataRoot", null)).isEmpty();
        assertThat(cfg.get("dataRoot", "/x")).contains("/x");
        assertThat(cfg.path("models", Path.of("m"))).contains(Path.of("m"));
    }

    @Test
    void loadReadsSystemProperties() {
        assumeTrue(System.getenv("LSTMFORGE_CONFIG") == null, "LSTMFORGE_CONFIG is set");
        assumeTrue(!Files.exists(Path.of("lstmforge.properties")), "a lstmforge.properties is in the working dir");
        String key = "lstmforge.engine";
        String old = System.getProperty(key);
        System.setProperty(key, "mxnet-cpu");
        try {
            assertThat(ForgeConfig.load().get("engine", null)).contains("mxnet-cpu");
            assertThat(ForgeConfig.load().get("engine", "pytorch-cpu")).contains("pytorch-cpu");
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}
