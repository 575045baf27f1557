package dev.lstmforge.cli;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.spi.ProjectInfo.Capability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Generates a sequence with a saved model whose project offers {@link Capability#GENERATE}: a
 * convenience over {@code predict} that passes the prompt as the request body and the sampling
 * options as request properties. Which projects may be used comes only from their
 * {@code ProjectInfo}; any other project is refused before a model is read.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a sequence (for example text) with a saved model whose project offers "
                    + "'generate'; 'lstmforge list' shows which do."
        })
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelArgument model;

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            description = "Prompt to continue (default: empty, which uses the model's own default prompt).")
    String prompt = "";

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "1.0",
            description = "Sampling temperature > 0; lower is more conservative (default ${DEFAULT-VALUE}).")
    String temperature;

    @Option(
            names = "--length",
            paramLabel = "N",
            defaultValue = "200",
            description = "Tokens to generate (default ${DEFAULT-VALUE}).")
    String length;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "0",
            description = "Sample among the K most likely tokens; 0 = all.")
    String topK;

    @Override
    public Integer call() {
        shared.quiet = true;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("temperature", temperature);
        props.put("length", length);
        props.put("topK", topK);
        // --seed (shared by every command) also seeds the sampling; same seed, same text.
        props.put("seed", Long.toString(shared.seed == null ? 42L : shared.seed));
        try (LstmForge forge = shared.open(spec)) {
            Capabilities.require(forge, model.ref, Capability.GENERATE);
            try (LoadedModel m = forge.load(model.ref)) {
                printGenerated(m.predict(prompt, props));
                return 0;
            }
        }
    }

    /**
     * Prints the generated text on stdout and each warning on stderr, as the GENERATE capability
     * promises a JSON object with {@code text} and optional {@code warnings}.
     */
    private void printGenerated(String response) {
        JsonObject json;
        try {
            json = JsonUtils.GSON.fromJson(response, JsonObject.class);
        } catch (JsonParseException e) {
            json = null;
        }
        if (json == null || !json.has("text")) {
            spec.commandLine().getOut().println(response);
            return;
        }
        spec.commandLine().getOut().println(json.get("text").getAsString());
        if (json.has("warnings") && json.get("warnings").isJsonArray()) {
            json.getAsJsonArray("warnings")
                    .forEach(w -> spec.commandLine().getErr().println("warning: " + w.getAsString()));
        }
    }
}
