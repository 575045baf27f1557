package dev.lstmforge.plugins.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learning happened and sampling behaves: a short training (a fixed number of epochs, so the
 * result does not depend on the machine's speed) on tiny-shakespeare (through the data
 * root, or the generated corpus without one) brings the validation loss well below the uniform
 * model's ln(vocabulary), on both engines; lower temperature gives lower entropy and more
 * repetition; bad requests get clear errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageModelLearningTest {

    private static final Map<String, String> QUICK = Map.of(
            "corpusChars",
            "300000",
            "window",
            "64",
            "hiddenSize",
            "128",
            "embeddingSize",
            "32",
            "epochs",
            "4",
            "timeBudgetSeconds",
            "0",
            "sampleLength",
            "100");

    private LstmForge forge;
    private TrainResult trained;

    private LstmForge open(String engine, Path store) {
        String root = System.getProperty("lstmforge.dataRoot");
        LstmForge.Builder b = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(store.resolve("none"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(store)
                .engine(engine)
                .seed(3);
        if (root != null && Files.isDirectory(Path.of(root))) {
            b.dataRoot(Path.of(root));
        }
        return b.build();
    }

    @BeforeAll
    void trainOnce(@TempDir Path models) throws Exception {
        forge = open("pytorch-cpu", models);
        trained = forge.train("text-generation", null, QUICK);
    }

    @AfterAll
    void close() {
        forge.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void validationLossIsWellBelowUniform(String engine, @TempDir Path store) throws Exception {
        TrainResult r = "pytorch-cpu".equals(engine) ? trained : trainOn(engine, store);
        Map<String, Double> m = r.evaluation().metrics();
        assertThat(m.get("validation_nats_per_token")).isLessThan(0.55 * m.get("uniform_nats_per_token"));
        assertThat(m.get("validation_perplexity"))
                .isEqualTo(Math.exp(m.get("validation_nats_per_token")), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.history().epochs().get(r.history().epochs().size() - 1).trainLoss())
                .isLessThan(r.history().epochs().get(0).trainLoss());
        assertThat(r.evaluation().sections()).hasSize(4).containsKey("Data");
        assertThat(m.get("uniform_perplexity")).isEqualTo(m.get("vocab_size"));
        assertThat(m.keySet()).allMatch(k -> k.matches("[a-z0-9]+(_[a-z0-9]+)*"), "snake_case");
    }

    private TrainResult trainOn(String engine, Path store) throws Exception {
        try (LstmForge f = open(engine, store)) {
            return f.train("text-generation", null, QUICK);
        }
    }

    @Test
    void lowerTemperatureMeansLowerEntropyAndMoreRepetition() {
        Map<String, Double> m = trained.evaluation().metrics();
        assertThat(m.get("sample_mean_entropy_nats_t0_10")).isLessThan(m.get("sample_mean_entropy_nats_t0_50"));
        assertThat(m.get("sample_mean_entropy_nats_t0_50")).isLessThan(m.get("sample_mean_entropy_nats_t1_00"));
        assertThat(m.get("sample_distinct_4gram_ratio_t0_10")).isLessThan(m.get("sample_distinct_4gram_ratio_t1_00"));
    }

    @Test
    void sameSeedSameTextAndTemperatureMustBePositive() {
        try (LoadedModel m = forge.load(trained.version().ref())) {
            Map<String, String> opts = Map.of("temperature", "0.7", "length", "80", "seed", "11");
            JsonObject a = json(m.predict("ROMEO:", opts));
            JsonObject b = json(m.predict("ROMEO:", opts));
            assertThat(b.get("text")).isEqualTo(a.get("text"));
            String text = a.get("text").getAsString();
            assertThat(text).startsWith("ROMEO:").hasSize("ROMEO:".length() + 80);
            assertThat(text).isEqualTo("ROMEO:" + a.get("continuation").getAsString());
            assertThat(a.get("tokens").getAsInt()).isEqualTo(80);
            assertThat(a.getAsJsonArray("warnings")).isEmpty();
            for (String bad : new String[] {"0", "-1", "abc", "NaN"}) {
                assertThatThrownBy(() -> m.predict("ROMEO:", Map.of("temperature", bad)))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessageContaining("temperature")
                        .hasMessageContaining(bad);
            }
        }
    }

    private static JsonObject json(String response) {
        return JsonUtils.GSON.fromJson(response, JsonObject.class);
    }

    @Test
    void unknownPromptCharactersMapToTheUnknownTokenAndAreNamedInTheWarnings() {
        try (LoadedModel m = forge.load(trained.version().ref())) {
            Input in = new Input();
            // tiny-shakespeare (and the generated corpus) is ASCII: ß and € are unknown, € twice
            in.add("data", "Z€ß€:".getBytes(StandardCharsets.UTF_8));
            in.addProperty("length", "5");
            Output out = m.predict(in);
            assertThat(out.getCode()).isEqualTo(200);
            JsonObject r = json(out.getData().getAsString());
            assertThat(r.get("unknown_prompt_tokens").getAsInt()).isEqualTo(3);
            assertThat(r.getAsJsonArray("warnings")).hasSize(1);
            assertThat(r.getAsJsonArray("warnings").get(0).getAsString())
                    .isEqualTo(
                            "prompt characters not in the vocabulary: '€' (2x), 'ß' (1x); they were replaced by <unk>");
            assertThat(r.get("text").getAsString()).startsWith("Z€ß€:").hasSize(10);
        }
    }

    @Test
    void badJsonRequestsSayWhatAndWhereWithoutClassNames() {
        try (LoadedModel m = forge.load(trained.version().ref())) {
            assertThatThrownBy(() -> m.predict("{\"prompt\": \"ROMEO:\", \"length\": 5", Map.of()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("request body is not valid JSON: ")
                    .hasMessageContaining("line 1 column 33")
                    .hasMessageNotContaining("Exception")
                    .hasMessageNotContaining("com.google");
            assertThatThrownBy(() -> m.predict("{\"prompt\": \"ROMEO:\", \"temprature\": 0.5}", Map.of()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageEndingWith(": unknown field 'temprature'; did you mean 'temperature'?");
            assertThatThrownBy(() -> m.predict("{\"length\": [5]}", Map.of()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageEndingWith(": field 'length' must be a number, got [5]");
            assertThatThrownBy(() -> m.predict("{\"length\": \"many\"}", Map.of()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageEndingWith(": length must be a whole number, got 'many'");
        }
    }

    @Test
    void badCorporaAreRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "  \n");
        Path tiny = Files.writeString(dir.resolve("tiny.txt"), "To be, or not to be.\n");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> forge.train("text-generation", empty, Map.of()))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("empty.txt");
        assertThatThrownBy(() -> forge.train("text-generation", tiny, Map.of()))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("tiny.txt")
                .hasMessageContaining("window");
        assertThatThrownBy(() -> forge.train("text-generation", latin1, Map.of()))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("latin1.txt")
                .hasMessageContaining(latin1 + ": not valid UTF-8 at byte 3 (line 1)")
                .hasMessageNotContaining("MalformedInput");
        assertThat(forge.store().versions("text-generation")).hasSize(1);
    }

    @Test
    void wordLevelModelTrainsAndGenerates(@TempDir Path store) throws Exception {
        try (LstmForge f = open("pytorch-cpu", store)) {
            TrainResult r = f.train(
                    "text-generation",
                    null,
                    Map.of(
                            "level",
                            "word",
                            "corpusChars",
                            "300000",
                            "window",
                            "30",
                            "hiddenSize",
                            "64",
                            "embeddingSize",
                            "32",
                            "maxVocab",
                            "3000",
                            "epochs",
                            "2",
                            "timeBudgetSeconds",
                            "0",
                            "sampleLength",
                            "30"));
            Map<String, Double> m = r.evaluation().metrics();
            assertThat(m.get("vocab_size")).isEqualTo(3000.0);
            assertThat(m.get("validation_nats_per_token")).isLessThan(m.get("uniform_nats_per_token"));
            try (LoadedModel lm = f.load(r.version().ref())) {
                JsonObject g = json(lm.predict("KING", Map.of("length", "12")));
                assertThat(g.get("text").getAsString()).startsWith("KING");
                assertThat(g.get("tokens").getAsInt()).isEqualTo(12);
            }
        }
    }
}
