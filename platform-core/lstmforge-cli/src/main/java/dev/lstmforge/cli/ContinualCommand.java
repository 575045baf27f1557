package dev.lstmforge.cli;

import dev.lstmforge.runtime.ContinualResult;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.spi.ContinualParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a sequence of tasks once per strategy and prints what each strategy forgets: the matrix
 * {@code R[i][j]} (quality on task j after training task i), the average final quality, backward
 * transfer and forgetting, side by side; writes them as a report with one heatmap per strategy.
 *
 * <pre>
 * lstmforge continual audio-classification --task george-jackson/ --task lucas/ --task nicolas/ \
 *     --strategies naive,replay,ewc,joint -P epochs=30
 * </pre>
 */
@Command(
        name = "continual",
        mixinStandardHelpOptions = true,
        description = {
            "Train a sequence of tasks, one fine-tuning after another, once per strategy against forgetting, and"
                    + " compare them: the quality on every task after each one (R[i][j]), the average final"
                    + " quality, backward transfer (BWT) and forgetting.",
            "The first task is trained once and shared by all strategies."
        })
final class ContinualCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project id (see: lstmforge list).")
    String project;

    @Option(
            names = "--task",
            required = true,
            paramLabel = "PATH",
            description = "The data of one task, in order; give it two or more times.")
    List<Path> tasks;

    @Option(
            names = "--strategies",
            split = ",",
            paramLabel = "NAMES",
            description = "Strategies to compare (default: naive,replay,ewc,joint).")
    List<String> strategies = ContinualParams.STRATEGIES;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description = "The evaluation metric to compare (default: accuracy for classification, roc_auc for"
                    + " anomaly detection, rmse for regression, validation_perplexity for generation).")
    String metric;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE",
            description = "Hyper-parameter, repeatable: project keys shape the first model, training keys apply to"
                    + " every run, strategy keys (replayPerTask, ewcLambda, ...) to the fine-tunings.")
    List<String> params = List.of();

    @Mixin
    ReportOption report;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> hp = Main.parseParams(params);
        try (LstmForge forge = shared.open(spec)) {
            ContinualResult r = forge.continual(project, tasks, strategies, hp, metric);
            out.println(r.projectId() + ": " + r.metric() + " on each task's test part ("
                    + (r.higherIsBetter() ? "higher" : "lower") + " is better)");
            for (int j = 0; j < r.tasks().size(); j++) {
                out.println("  task " + (j + 1) + ": " + r.tasks().get(j));
            }
            for (ContinualResult.Strategy s : r.strategies().values()) {
                out.println();
                out.println(s.name() + ": R[i][j] after task i (rows) on task j (columns)");
                for (int i = 0; i < s.r().length; i++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  after %-3d", i + 1));
                    for (double v : s.r()[i]) {
                        line.append(String.format(Locale.ROOT, " %9.4f", v));
                    }
                    line.append("   ").append(s.versions().get(i));
                    out.println(line);
                }
            }
            out.println();
            out.printf(Locale.ROOT, "| strategy | average %s | BWT | forgetting | fine-tuning seconds |%n", r.metric());
            out.println("| --- | --- | --- | --- | --- |");
            for (ContinualResult.Strategy s : r.strategies().values()) {
                out.printf(
                        Locale.ROOT,
                        "| %s | %.4f | %+.4f | %.4f | %.1f |%n",
                        s.name(),
                        s.average(),
                        s.bwt(),
                        s.forgetting(),
                        s.seconds());
            }
            Path dir = report.dir(forge, "continual");
            out.println("report: " + forge.writeReport(dir, "LSTM Forge continual: " + project, r.entries()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("project", r.projectId());
            doc.put("metric", r.metric());
            doc.put("higherIsBetter", r.higherIsBetter());
            doc.put("tasks", r.tasks());
            doc.put("strategies", r.strategies().values());
            json.write(doc, out);
            return 0;
        }
    }
}
