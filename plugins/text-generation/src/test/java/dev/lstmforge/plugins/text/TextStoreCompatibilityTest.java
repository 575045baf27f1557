package dev.lstmforge.plugins.text;

import dev.lstmforge.testkit.StoreCompatibilityContract;
import java.util.Map;
import java.util.Set;

/** A language model saved by an earlier build still loads and samples the recorded text. */
class TextStoreCompatibilityTest extends StoreCompatibilityContract {

    @Override
    protected String projectId() {
        return "text-generation";
    }

    @Override
    protected Map<String, String> fixtureTraining() {
        return Map.of(
                "epochs",
                "1",
                "hiddenSize",
                "16",
                "embeddingSize",
                "8",
                "layers",
                "1",
                "window",
                "50",
                "corpusChars",
                "20000",
                "sampleLength",
                "20");
    }

    @Override
    protected String request() {
        return "{\"prompt\": \"ROMEO:\", \"length\": 40, \"temperature\": 0.5, \"seed\": 3}";
    }

    @Override
    protected Set<String> varyingFields() {
        return Set.of("tokens_per_second");
    }
}
