package dev.lstmforge.plugins.text.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import dev.lstmforge.plugins.text.TextState;
import dev.lstmforge.plugins.text.block.LanguageModelBlock;
import dev.lstmforge.spi.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving translator on a small untrained two-layer model saved to disk: JSON responses,
 * warnings for unknown prompt characters, clear request errors, and one batched forward pass
 * that gives every request exactly what it gets alone (the LSTM state is split per request).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextServingTranslatorTest {

    private static final List<String> TOKENS = List.of("<unk>", "a", "b", "c", ":", " ", "\n");

    private Model model;
    private Predictor<Input, Output> predictor;

    @BeforeAll
    void saveAndLoad(@TempDir Path dir) throws Exception {
        TextState state = new TextState();
        state.level = "CHAR";
        state.tokens = TOKENS;
        state.defaultPrompt = "ab\n";
        ModelFiles.writeJson(dir.resolve(ModelFiles.STATE), state);
        ModelFiles.writeJson(
                dir.resolve(ModelFiles.HYPER_PARAMETERS),
                Map.of("embeddingSize", "4", "hiddenSize", "8", "layers", "2"));
        try (Model fresh = Model.newInstance("lm", "PyTorch")) {
            LanguageModelBlock block = new LanguageModelBlock(TOKENS.size(), 4, 8, 2, 0f);
            fresh.setBlock(block);
            block.initialize(fresh.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            fresh.save(dir, "lm");
        }
        model = Model.newInstance("lm", "PyTorch");
        model.setBlock(new LanguageModelBlock(TOKENS.size(), 4, 8, 2, 0f));
        model.load(dir, "lm");
        predictor = model.newPredictor(new TextServingTranslator());
    }

    @AfterAll
    void close() {
        predictor.close();
        model.close();
    }

    private static Input request(String body, Map<String, String> properties) {
        Input in = new Input();
        in.add("data", body);
        properties.forEach(in::addProperty);
        return in;
    }

    private static JsonObject json(Output out) {
        return JsonUtils.GSON.fromJson(out.getData().getAsString(), JsonObject.class);
    }

    @Test
    void answersWithTheTextItsPartsAndNoWarnings() throws Exception {
        JsonObject r = json(predictor.predict(request("ab:", Map.of("length", "7", "seed", "3"))));
        String text = r.get("text").getAsString();
        assertThat(text)
                .startsWith("ab:")
                .hasSize(10)
                .isEqualTo("ab:" + r.get("continuation").getAsString());
        assertThat(r.get("tokens").getAsInt()).isEqualTo(7);
        assertThat(r.get("unknown_prompt_tokens").getAsInt()).isZero();
        assertThat(r.getAsJsonArray("warnings")).isEmpty();
        assertThat(json(predictor.predict(request("ab:", Map.of("length", "7", "seed", "3"))))
                        .get("text"))
                .isEqualTo(r.get("text"));
    }

    @Test
    void promptCharactersOutsideTheVocabularyAreNamedWithTheirCounts() throws Exception {
        JsonObject r =
                json(predictor.predict(request("{\"prompt\": \"a\u00e9b\u00df\u00e9\", \"length\": 3}", Map.of())));
        assertThat(r.get("unknown_prompt_tokens").getAsInt()).isEqualTo(3);
        assertThat(r.getAsJsonArray("warnings")).hasSize(1);
        assertThat(r.getAsJsonArray("warnings").get(0).getAsString())
                .isEqualTo(
                        "prompt characters not in the vocabulary: '\u00e9' (2x), '\u00df' (1x); they were replaced by <unk>");
    }

    @Test
    void aBatchGivesEachRequestWhatItGetsAlone() throws Exception {
        List<Input> batch = List.of(
                request("{\"prompt\": \"abc\", \"length\": 12, \"seed\": 1}", Map.of()),
                request("{\"prompt\": \"c:a\", \"length\": 12, \"seed\": 2}", Map.of()),
                request("{\"prompt\": \"b b\", \"length\": 12, \"seed\": 3}", Map.of()));
        List<Output> together = predictor.batchPredict(batch);
        for (int i = 0; i < batch.size(); i++) {
            JsonObject alone = json(predictor.predict(batch.get(i)));
            assertThat(json(together.get(i)).get("text")).as("request %d", i).isEqualTo(alone.get("text"));
        }
    }

    @Test
    void badRequestsSayWhatAndWhere() {
        assertThatThrownBy(() -> predictor.predict(request("{\"prompt\": \"ab\", \"length\": 5", Map.of())))
                .isInstanceOf(TranslateException.class)
                .hasMessage("bad generation request: request body is not valid JSON: "
                        + "End of input at line 1 column 29 path $.length");
        assertThatThrownBy(() -> predictor.predict(request("{\"promt\": \"ab\"}", Map.of())))
                .hasMessage("bad generation request: unknown field 'promt'; did you mean 'prompt'?");
        assertThatThrownBy(() -> predictor.predict(request("{\"topK\": {\"k\": 3}}", Map.of())))
                .hasMessage("bad generation request: field 'topK' must be a number, got {\"k\":3}");
        assertThatThrownBy(() -> predictor.predict(request("ab", Map.of("temperature", "0"))))
                .hasMessage("bad generation request: temperature must be a number > 0, got 0.0");
        assertThatThrownBy(() -> predictor.predict(request("ab", Map.of("length", "99999999999"))))
                .hasMessage("bad generation request: length is far too large, got '99999999999'");
    }
}
