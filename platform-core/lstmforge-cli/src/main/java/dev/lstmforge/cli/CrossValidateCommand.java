package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.spi.LstmForgeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Trains one model per value of a hyper-parameter that chooses the held-out part, for example
 * leave-one-speaker-out: {@code cross-validate audio-classification -P split=speaker --over
 * holdOut=george,jackson,lucas,nicolas}. Each fold is trained, evaluated and saved as its own
 * model version; the command prints each fold's metrics and their mean and standard deviation.
 */
@Command(
        name = "cross-validate",
        mixinStandardHelpOptions = true,
        description = "Train and evaluate one model per value of a hyper-parameter (e.g. each held-out speaker or "
                + "fold), then print every fold's metrics with their mean and standard deviation.")
final class CrossValidateCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project id (see: lstmforge list).")
    String project;

    @Option(
            names = "--over",
            required = true,
            paramLabel = "KEY=V1,V2,...",
            description = "The hyper-parameter that differs between folds and its values, e.g. "
                    + "holdOut=george,jackson,lucas,nicolas.")
    String over;

    @Option(names = "--data", paramLabel = "PATH", description = "Data file or folder (default: the project's).")
    Path data;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE",
            description = "Hyper-parameter for every fold, repeatable (e.g. -P split=speaker).")
    List<String> params = List.of();

    @Option(
            names = "--metrics",
            paramLabel = "M1,M2",
            split = ",",
            description = "Metrics to summarise (default: the first three the project reports).")
    List<String> metrics = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "Also write one HTML/JSON/PNG report of all folds.")
    Path report;

    @Override
    public Integer call() throws InterruptedException {
        int eq = over.indexOf('=');
        if (eq <= 0 || eq == over.length() - 1) {
            throw new LstmForgeException("--over needs KEY=V1,V2,..., got '" + over + "'");
        }
        String key = over.substring(0, eq).strip();
        List<String> values = Arrays.stream(over.substring(eq + 1).split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
        if (values.size() < 2) {
            throw new LstmForgeException("--over " + key + " needs at least two values, got " + values);
        }
        Map<String, String> common = Main.parseParams(params);
        if (common.containsKey(key)) {
            throw new LstmForgeException("-P " + key + " and --over " + key + " both set " + key + "; give it once");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ReportEntry> entries = new ArrayList<>();
        Map<String, Map<String, Double>> folds = new LinkedHashMap<>();
        try (LstmForge forge = shared.open(spec)) {
            for (String value : values) {
                // every fold's settings are checked before the first fold trains
                Map<String, String> hp = new LinkedHashMap<>(common);
                hp.put(key, value);
                LstmForge.hyperParameters(Main.project(forge, project), hp);
            }
            for (String value : values) {
                Map<String, String> hp = new LinkedHashMap<>(common);
                hp.put(key, value);
                TrainResult r = forge.train(project, data, hp);
                entries.add(r.report());
                folds.put(value, r.evaluation().metrics());
                out.println("fold " + key + "=" + value + ": saved "
                        + r.version().ref() + "; " + r.evaluation().summary());
            }
            List<String> shown = metrics.isEmpty()
                    ? folds.values().iterator().next().keySet().stream()
                            .limit(3)
                            .toList()
                    : metrics;
            out.print(table(key, folds, shown));
            if (report != null) {
                out.println("report: "
                        + forge.writeReport(
                                report, "LSTM Forge: " + project + " cross-validated over " + key, entries));
            }
        }
        return 0;
    }

    /**
     * Formats the folds' metrics with their mean and sample standard deviation.
     *
     * @param key the varied hyper-parameter
     * @param folds each fold's metrics, by value
     * @param shown the metrics to show
     * @return the table, one line per fold plus mean and sd
     */
    static String table(String key, Map<String, Map<String, Double>> folds, List<String> shown) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s", key));
        for (String m : shown) {
            b.append(String.format(Locale.ROOT, " %14s", m));
        }
        b.append('\n');
        for (Map.Entry<String, Map<String, Double>> f : folds.entrySet()) {
            b.append(String.format(Locale.ROOT, "%-16s", f.getKey()));
            for (String m : shown) {
                b.append(String.format(Locale.ROOT, " %14.4f", f.getValue().getOrDefault(m, Double.NaN)));
            }
            b.append('\n');
        }
        for (String stat : List.of("mean", "sd")) {
            b.append(String.format(Locale.ROOT, "%-16s", stat));
            for (String m : shown) {
                double[] v = folds.values().stream()
                        .mapToDouble(x -> x.getOrDefault(m, Double.NaN))
                        .toArray();
                double mean = Arrays.stream(v).average().orElse(Double.NaN);
                double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
                double value = stat.equals("mean") ? mean : Math.sqrt(ss / (v.length - 1));
                b.append(String.format(Locale.ROOT, " %14.4f", value));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
