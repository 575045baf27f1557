package dev.lstmforge.cli;

import com.google.gson.GsonBuilder;
import dev.lstmforge.runtime.Lineage;
import dev.lstmforge.runtime.LstmForge;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints where a model version comes from: the versions it was fine-tuned from, oldest first,
 * each with its strategy and the data it learned.
 *
 * <pre>
 * lstmforge lineage audio-classification/v7
 * </pre>
 */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description = "Print the chain of versions a model was fine-tuned from, with the data each one learned.")
final class LineageCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelArgument model;

    @Option(names = "--json", description = "Print the chain as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LstmForge forge = shared.open(spec)) {
            List<Lineage.Step> steps = forge.lineage(model.ref);
            if (json) {
                out.println(new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeNulls()
                        .create()
                        .toJson(steps));
                return 0;
            }
            out.println("lineage of " + steps.get(steps.size() - 1).ref() + ", oldest first:");
            out.printf(
                    Locale.ROOT,
                    "  %-3s %-32s %-9s %-9s %-14s %-22s %s%n",
                    "#",
                    "version",
                    "strategy",
                    "rows",
                    "data sha256",
                    "finished",
                    "data");
            for (int i = 0; i < steps.size(); i++) {
                Lineage.Step s = steps.get(i);
                out.printf(
                        Locale.ROOT,
                        "  %-3d %-32s %-9s %-9d %-14s %-22s %s%n",
                        i + 1,
                        s.ref(),
                        s.strategy() == null ? "scratch" : s.strategy(),
                        s.rows(),
                        s.dataSha256() == null
                                ? "unknown"
                                : s.dataSha256()
                                        .substring(
                                                0, Math.min(12, s.dataSha256().length())),
                        s.finishedAt() == null ? "" : s.finishedAt().replaceAll("\\.\\d+Z$", "Z"),
                        s.dataPath() != null ? s.dataPath() : s.dataSource());
            }
            return 0;
        }
    }
}
