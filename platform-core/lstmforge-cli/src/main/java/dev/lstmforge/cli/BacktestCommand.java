package dev.lstmforge.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.BacktestResult;
import dev.lstmforge.runtime.LstmForge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * Backtests a forecasting project walk-forward and prints the folds and the stitched result of
 * each refit mode beside the naive baselines.
 *
 * <pre>
 * lstmforge backtest stock-forecast --data AAPL.csv --start 2018-01-01 --refit-every 20 --window expanding
 * </pre>
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Walk-forward backtest of a forecasting project: a model per fold trained only on the days before the"
                    + " fold's forecast origin, one-step forecasts of the fold's days, all folds scored together"
                    + " against the naive baselines (persistence with a Diebold-Mariano test, always-up, buy and"
                    + " hold).",
            "By default every fold is run twice, trained from scratch and fine-tuned from the previous fold's"
                    + " model, to compare their cost and error."
        })
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "A forecasting project, such as stock-forecast.")
    String project;

    @Option(names = "--data", paramLabel = "PATH", description = "The series (default: the project's).")
    Path data;

    @Option(
            names = "--start",
            required = true,
            paramLabel = "DATE",
            description = "First forecast origin, yyyy-MM-dd (the first day of the data on or after it).")
    LocalDate start;

    @Option(names = "--refit-every", paramLabel = "N", defaultValue = "20", description = "Days per fold (default 20).")
    int refitEvery;

    @Option(
            names = "--window",
            paramLabel = "KIND",
            defaultValue = "expanding",
            description = "expanding (every day before the origin, default) or rolling (--rolling-days of them).")
    String window;

    @Option(
            names = "--rolling-days",
            paramLabel = "N",
            defaultValue = "750",
            description = "Days a rolling window trains on (default 750, about three years of trading days).")
    int rollingDays;

    @Option(
            names = "--refit",
            split = ",",
            paramLabel = "MODES",
            description = "Refit modes: scratch, fine-tune (default both).")
    List<String> modes = List.of("scratch", "fine-tune");

    @Option(names = "--max-folds", paramLabel = "N", description = "Run at most N folds (default: all).")
    int maxFolds;

    @Option(
            names = "--fine-tune-epochs",
            paramLabel = "N",
            description = "Epoch limit of a fine-tune refit (default: the same as a training from scratch).")
    int fineTuneEpochs;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE",
            description = "Hyper-parameter for every fold's training, repeatable.")
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
            BacktestResult r = forge.backtest(
                    project, data, start, refitEvery, window, rollingDays, modes, maxFolds, fineTuneEpochs, hp);
            for (BacktestResult.Mode m : r.modes().values()) {
                out.println(m.name() + " refits: " + m.folds().size() + " folds of " + r.refitEvery() + " days, "
                        + r.window() + " window");
                out.println("| fold | origin | last day | version | train s | rmse | persistence rmse | dm p |");
                out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
                for (BacktestResult.Fold f : m.folds()) {
                    out.printf(
                            Locale.ROOT,
                            "| %d | %s | %s | %s | %.1f | %.4f | %.4f | %.3g |%n",
                            f.index(),
                            f.origin(),
                            f.lastDay(),
                            f.version(),
                            f.trainSeconds(),
                            f.metrics().getOrDefault("rmse", Double.NaN),
                            f.metrics().getOrDefault("persistence_rmse", Double.NaN),
                            f.metrics().getOrDefault("dm_p_value", Double.NaN));
                }
                out.println();
            }
            List<String> keys = List.of(
                    "count",
                    "rmse",
                    "persistence_rmse",
                    "dm_p_value",
                    "mae",
                    "persistence_mae",
                    "directional_accuracy",
                    "always_up_accuracy",
                    "strategy_return",
                    "buy_and_hold_return");
            out.println("| refit | train s | " + String.join(" | ", keys) + " |");
            out.println("| --- | --- |" + " --- |".repeat(keys.size()));
            for (BacktestResult.Mode m : r.modes().values()) {
                StringBuilder line =
                        new StringBuilder(String.format(Locale.ROOT, "| %s | %.1f |", m.name(), m.trainSeconds()));
                for (String k : keys) {
                    line.append(' ')
                            .append(Main.format(m.overall().getOrDefault(k, Double.NaN)))
                            .append(" |");
                }
                out.println(line);
            }
            Path dir = report.dir(forge, "backtest");
            out.println("report: " + forge.writeReport(dir, "LSTM Forge backtest: " + project, r.entries()));
            json.write(toJson(r), out);
            return 0;
        }
    }

    /** Every fold with its forecasts, day by day. */
    private static JsonObject toJson(BacktestResult r) {
        JsonObject doc = new JsonObject();
        doc.addProperty("project", r.projectId());
        doc.addProperty("start", r.start().toString());
        doc.addProperty("refitEvery", r.refitEvery());
        doc.addProperty("window", r.window());
        JsonObject modesJson = new JsonObject();
        for (BacktestResult.Mode m : r.modes().values()) {
            JsonObject mj = new JsonObject();
            mj.addProperty("trainSeconds", m.trainSeconds());
            mj.add("overall", new GsonBuilder().create().toJsonTree(m.overall()));
            JsonArray folds = new JsonArray();
            for (BacktestResult.Fold f : m.folds()) {
                JsonObject fj = new JsonObject();
                fj.addProperty("index", f.index());
                fj.addProperty("origin", f.origin().toString());
                fj.addProperty("lastDay", f.lastDay().toString());
                fj.addProperty(
                        "trainedFrom",
                        f.trainedFrom() == null ? null : f.trainedFrom().toString());
                fj.addProperty("version", f.version());
                fj.addProperty("trainSeconds", f.trainSeconds());
                fj.add(
                        "metrics",
                        new GsonBuilder()
                                .serializeSpecialFloatingPointValues()
                                .create()
                                .toJsonTree(f.metrics()));
                JsonArray days = new JsonArray();
                for (int i = 0; i < f.forecasts().days().size(); i++) {
                    JsonObject d = new JsonObject();
                    d.addProperty("day", f.forecasts().days().get(i).toString());
                    d.addProperty("actual", f.forecasts().actual()[i]);
                    d.addProperty("predicted", f.forecasts().predicted()[i]);
                    d.addProperty("lastKnown", f.forecasts().lastKnown()[i]);
                    days.add(d);
                }
                fj.add("forecasts", days);
                folds.add(fj);
            }
            mj.add("folds", folds);
            modesJson.add(m.name(), mj);
        }
        doc.add("modes", modesJson);
        return doc;
    }
}
