package dev.lstmforge.runtime;

import dev.lstmforge.runtime.continual.ContinualMetrics;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.spi.ContinualParams;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a sequence of tasks once per strategy and measures what each strategy forgets: the first
 * task is trained from scratch once and shared, every later task is a fine-tuning of the
 * previous version ({@link FineTuning}), and after each task the version is evaluated on the test
 * part of every task, which fills the matrix {@code R[i][j]} of {@link ContinualMetrics}.
 *
 * <pre>{@code
 * ContinualRun.Result r = new ContinualRun(session, pipeline, fineTuning, evaluation).run(
 *         project, List.of(georgeJackson, lucas, nicolas), List.of("naive", "replay", "ewc", "joint"),
 *         Map.of("epochs", "20"), null);
 * r.runs().get("replay").metrics().bwt();
 * }</pre>
 */
final class ContinualRun {

    private final Session s;
    private final TrainingPipeline pipeline;
    private final FineTuning fineTuning;
    private final ModelEvaluation evaluation;

    ContinualRun(Session session, TrainingPipeline pipeline, FineTuning fineTuning, ModelEvaluation evaluation) {
        this.s = session;
        this.pipeline = pipeline;
        this.fineTuning = fineTuning;
        this.evaluation = evaluation;
    }

    /**
     * One strategy's run.
     *
     * @param strategy the strategy
     * @param r {@code r[i][j]}: the metric on task {@code j} after training task {@code i}
     * @param versions the version after each task (the first is shared by all strategies)
     * @param metrics average, backward transfer and forgetting
     * @param seconds wall time of its fine-tunings (the shared first training excluded)
     */
    record StrategyRun(
            String strategy, double[][] r, List<String> versions, ContinualMetrics metrics, double seconds) {}

    /**
     * A whole run.
     *
     * @param projectId the project
     * @param metric the metric name
     * @param higherIsBetter whether larger values of it are better
     * @param tasks the tasks' names (their data paths)
     * @param runs strategy to run, in the order given
     * @param entries report entries: one per strategy, with the matrix as a heatmap
     */
    record Result(
            String projectId,
            String metric,
            boolean higherIsBetter,
            List<String> tasks,
            Map<String, StrategyRun> runs,
            List<ReportEntry> entries) {}

    /**
     * Returns the metric a project's continual run compares by default.
     *
     * @param task the project's task
     * @return the metric name
     */
    static String defaultMetric(ProjectInfo.Task task) {
        return switch (task) {
            case CLASSIFICATION -> "accuracy";
            case ANOMALY_DETECTION -> "roc_auc";
            case REGRESSION -> "rmse";
            case GENERATION -> "validation_perplexity";
        };
    }

    /**
     * Tells whether larger values of a metric are better, from its name: errors, losses,
     * perplexities and bits or nats per token are smaller when better.
     *
     * @param metric the metric name
     * @return true unless the name says it is an error
     */
    static boolean higherIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        for (String lower : List.of("rmse", "mae", "mse", "mape", "loss", "perplexity", "nats", "bits", "error")) {
            if (m.contains(lower)) {
                return false;
            }
        }
        return true;
    }

    Result run(
            LstmProject<?, ?> project,
            List<Path> tasks,
            List<String> strategies,
            Map<String, String> overrides,
            String metricOrNull)
            throws InterruptedException {
        if (tasks.size() < 2) {
            throw new LstmForgeException("a continual run needs at least two tasks, got " + tasks.size());
        }
        for (String st : strategies) {
            if (!ContinualParams.STRATEGIES.contains(st)) {
                throw new LstmForgeException(
                        "unknown strategy '" + st + "'; choose from " + String.join(", ", ContinualParams.STRATEGIES));
            }
        }
        if (overrides.containsKey(ContinualParams.STRATEGY.name())) {
            throw new LstmForgeException("give the strategies with --strategies, not -P strategy");
        }
        String requested = metricOrNull != null
                ? metricOrNull
                : defaultMetric(project.info().task());
        String id = project.info().id();
        // project keys shape the first model; the fine-tunings take only training and strategy keys
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> later = new LinkedHashMap<>();
        overrides.forEach((k, v) -> {
            if (ContinualParams.isContinualKey(k)) {
                later.put(k, v);
            } else {
                first.put(k, v);
                if (TrainingParams.ALL.stream().anyMatch(p -> p.name().equals(k))) {
                    later.put(k, v);
                }
            }
        });
        int t = tasks.size();
        s.log()
                .accept("continual " + id + ": task 1 of " + t + " (" + tasks.get(0) + "), trained once for all"
                        + " strategies");
        TrainResult base = pipeline.train(project, tasks.get(0), first, "continual");
        String metric = resolve(
                requested, metricOrNull == null, base.evaluation().metrics().keySet());
        boolean higher = higherIsBetter(metric);
        double[] row0 = row(base.version().ref(), tasks, metric);
        Map<String, StrategyRun> runs = new LinkedHashMap<>();
        List<ReportEntry> entries = new ArrayList<>();
        List<String> names = tasks.stream().map(p -> p.getFileName().toString()).toList();
        for (String strategy : strategies) {
            double[][] r = new double[t][];
            r[0] = row0.clone();
            List<String> versions = new ArrayList<>(List.of(base.version().ref()));
            long startNs = System.nanoTime();
            String prev = base.version().ref();
            for (int i = 1; i < t; i++) {
                s.log()
                        .accept("continual " + id + " [" + strategy + "]: task " + (i + 1) + " of " + t + " ("
                                + tasks.get(i) + ")");
                Map<String, String> o = new LinkedHashMap<>(later);
                o.put(ContinualParams.STRATEGY.name(), strategy);
                TrainResult step = fineTuning.fineTune(prev, tasks.get(i), o);
                prev = step.version().ref();
                versions.add(prev);
                r[i] = row(prev, tasks, metric);
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            ContinualMetrics m = ContinualMetrics.of(r, higher);
            runs.put(strategy, new StrategyRun(strategy, r, versions, m, seconds));
            entries.add(entry(project, strategy, metric, names, r, m, versions, seconds, base));
        }
        return new Result(id, metric, higher, tasks.stream().map(Path::toString).toList(), runs, entries);
    }

    /** Prefixes of the baselines projects report beside their model's figures. */
    private static final List<String> BASELINES =
            List.of("random_", "zscore_", "persistence_", "uniform_", "always_", "buy_and_hold");

    /**
     * Finds a metric in an evaluation: the name itself, or, for a default name, the one model
     * metric that ends with it (a project that reports {@code lstm_ae_roc_auc} beside
     * {@code random_roc_auc} and {@code zscore_roc_auc}).
     *
     * @param metric the metric asked for
     * @param isDefault whether it is the project's default rather than the user's choice
     * @param names the metrics an evaluation reported
     * @return the name to read
     */
    static String resolve(String metric, boolean isDefault, Set<String> names) {
        if (names.contains(metric) || !isDefault) {
            return metric;
        }
        List<String> model = names.stream()
                .filter(n -> n.endsWith("_" + metric))
                .filter(n -> BASELINES.stream().noneMatch(n::startsWith))
                .toList();
        return model.size() == 1 ? model.get(0) : metric;
    }

    /** Evaluates one version on every task's test part. */
    private double[] row(String ref, List<Path> tasks, String metric) {
        double[] out = new double[tasks.size()];
        for (int j = 0; j < tasks.size(); j++) {
            Map<String, Double> metrics =
                    evaluation.evaluate(ref, tasks.get(j)).evaluation().metrics();
            Double v = metrics.get(metric);
            if (v == null) {
                throw new LstmForgeException("the evaluation of " + ref + " has no metric '" + metric + "'; choose one"
                        + " of " + new TreeMap<>(metrics).keySet() + " with --metric");
            }
            out[j] = v;
        }
        return out;
    }

    private static ReportEntry entry(
            LstmProject<?, ?> project,
            String strategy,
            String metric,
            List<String> tasks,
            double[][] r,
            ContinualMetrics m,
            List<String> versions,
            double seconds,
            TrainResult base) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            rows.add("after " + (i + 1) + ": " + tasks.get(i));
        }
        Evaluation ev = Evaluation.builder()
                .metric("average_" + metric, m.average())
                .metric("bwt", m.bwt())
                .metric("forgetting", m.forgetting())
                .metric("fine_tune_seconds", seconds)
                .heatmap(new HeatmapSpec(
                        metric + " after each task (" + strategy + ")",
                        "evaluated on",
                        "trained through",
                        tasks,
                        rows,
                        r))
                .summary("Strategy " + strategy + ": R[i][j] is " + metric + " on the test part of task j after"
                        + " training task i. Average final " + metric + " " + fmt(m.average()) + ", backward transfer "
                        + fmt(m.bwt()) + ", forgetting " + fmt(m.forgetting()) + ".")
                .build();
        Map<String, String> facts = new LinkedHashMap<>(base.report().facts());
        facts.put("versions", String.join(" → ", versions));
        return new ReportEntry(
                project.info().id(),
                project.info().title(),
                "continual (" + strategy + ")",
                versions.get(versions.size() - 1),
                null,
                ev,
                facts);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
