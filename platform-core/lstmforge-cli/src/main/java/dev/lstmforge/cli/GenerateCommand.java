package dev.lstmforge.cli;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Generates text with a saved language model: a convenience over {@code predict} that passes
 * the prompt as the request body and the sampling options as request properties.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text with a saved language model (e.g. text-generation).")
final class GenerateCommand implements Callable<Integer> {

    @Mixin Main.Shared shared;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "PROJECT, PROJECT/vN, PROJECT/latest or a directory.")
    String model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Text to continue (default: the corpus's first line).")
    String prompt = "";

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Sampling temperature > 0; lower is more conservative (default ${DEFAULT-VALUE}).")
    String temperature;

    @Option(names = "--length", paramLabel = "N", defaultValue = "200", description = "Tokens to generate (default ${DEFAULT-VALUE}).")
    String length;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Sample among the K most likely tokens; 0 = all.")
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
        try (LstmForge forge = shared.open(spec); LoadedModel m = forge.load(model)) {
            spec.commandLine().getOut().println(m.predict(prompt, props));
            return 0;
        }
    }
}
