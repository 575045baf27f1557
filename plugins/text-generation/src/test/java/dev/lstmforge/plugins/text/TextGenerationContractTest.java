package dev.lstmforge.plugins.text;

import dev.lstmforge.testkit.LstmProjectContract;
import java.util.Map;

/**
 * Runs the text project through the host's contract on both CPU engines. The contract's host has
 * no data root, so this also covers the generated-corpus fallback.
 */
class TextGenerationContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "text-generation";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of(
                "epochs",
                "2",
                "corpusChars",
                "20000",
                "window",
                "50",
                "hiddenSize",
                "32",
                "embeddingSize",
                "16",
                "sampleLength",
                "20");
    }

    @Override
    protected String sampleRequest() {
        return "{\"prompt\": \"Hello\", \"length\": 10, \"temperature\": 0.5}";
    }
}
