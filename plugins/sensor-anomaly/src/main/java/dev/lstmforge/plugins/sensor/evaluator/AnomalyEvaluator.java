package dev.lstmforge.plugins.sensor.evaluator;

import ai.djl.nn.Block;
import dev.lstmforge.plugins.sensor.SensorAnomalyProject;
import dev.lstmforge.plugins.sensor.SensorData;
import dev.lstmforge.plugins.sensor.SensorDrift;
import dev.lstmforge.plugins.sensor.SensorState;
import dev.lstmforge.plugins.sensor.baseline.RandomDetector;
import dev.lstmforge.plugins.sensor.baseline.RollingZScore;
import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.SeriesScaling;
import dev.lstmforge.plugins.sensor.dataset.WindowScoring;
import dev.lstmforge.plugins.sensor.metrics.EventScore;
import dev.lstmforge.plugins.sensor.metrics.NabScorer;
import dev.lstmforge.plugins.sensor.metrics.PointAdjust;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.support.data.Windows;
import dev.lstmforge.support.metrics.Confusion;
import dev.lstmforge.support.metrics.Ranking;
import dev.lstmforge.support.metrics.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the test part, fixes the alert threshold on first use (from the training part, then
 * saved with the model), and reports every detector with the same metrics, headline first.
 *
 * <p>Headline metrics, in this order: <b>f1</b>, the plain point-wise F1 of the alerts;
 * <b>event_f1</b> ({@link EventScore}: incidents found against pages sent); <b>roc_auc</b> and
 * <b>pr_auc</b> (average precision), which rank the raw point scores without a threshold; and the
 * <b>nab_score</b>: NAB's standard profile (true positive 1, false positive 0.11, false negative
 * 1), normalised so that a detector that never alerts scores 0 and a perfect one 100, on the
 * first row of each run of alerts (one page per excursion above the threshold). Then precision,
 * recall, G-Mean = sqrt(TPR · TNR) (all point-wise), event precision and recall, precision@K (K =
 * number of labelled points) and, last, <b>point_adjusted_f1</b>: a labelled segment counts as
 * detected in full when any of its points alerts. Point adjustment is reported for comparison
 * with papers only: one lucky alert in a long segment earns the whole segment, so a detector that
 * is wrong most of the time can score high on it.
 */
public final class AnomalyEvaluator {

    private AnomalyEvaluator() {}

    /**
     * Evaluates.
     *
     * @param ctx the run's context; warnings go to {@link ProjectContext#warn}
     * @param data the prepared data
     * @param block the trained network
     * @return metrics, summary, data section and plots
     */
    public static Evaluation evaluate(ProjectContext ctx, SensorData data, Block block) {
        Evaluation.Builder b =
                "classifier".equals(data.state().mode) ? classifier(ctx, data, block) : autoencoder(ctx, data, block);
        return b.section("data", String.join("\n", data.description())).build();
    }

    private static Evaluation.Builder autoencoder(ProjectContext ctx, SensorData data, Block block) {
        HyperParameters hp = ctx.hyperParameters();
        SensorState state = data.state();
        SensorSeries series = data.series();
        int rows = series.rows();
        int trainEnd = data.trainEnd();
        SeriesScaling.rangeWarnings(data.scaler(), series, trainEnd, rows).forEach(w -> ctx.warn("test part: " + w));
        double[][] scaled = SeriesScaling.scale(data.scaler(), series);
        double[] scores = WindowScoring.pointScores(
                WindowScoring.windowScores(block, ctx.manager(), scaled, state.window, true), rows, state.window, true);
        boolean[] labels = series.labels();
        boolean labelled = series.hasLabels();

        double[] zscores = RollingZScore.scores(series.values(), hp.get(SensorAnomalyProject.ZSCORE_WINDOW));
        String rule = state.thresholdRule;
        if (state.threshold == null) {
            state.threshold = threshold(
                    rule,
                    hp,
                    Arrays.copyOfRange(scores, 0, trainEnd),
                    Arrays.copyOfRange(labels, 0, trainEnd),
                    labelled);
            state.thresholdNote = describe(rule, hp);
        }
        double zThreshold = threshold(
                rule, hp, Arrays.copyOfRange(zscores, 0, trainEnd), Arrays.copyOfRange(labels, 0, trainEnd), labelled);

        double[] testScores = Arrays.copyOfRange(scores, trainEnd, rows);
        double[] testZ = Arrays.copyOfRange(zscores, trainEnd, rows);
        boolean[] testLabels = Arrays.copyOfRange(labels, trainEnd, rows);
        long[] testTimes = Arrays.copyOfRange(series.epochMillis(), trainEnd, rows);
        boolean[] aeAlerts = Thresholds.apply(testScores, state.threshold);
        double alertRate = rate(aeAlerts);
        boolean[] zAlerts = Thresholds.apply(testZ, zThreshold);
        boolean[] randomAlerts = RandomDetector.alerts(testScores.length, alertRate, ctx.seed());
        double[] randomScores = RandomDetector.scores(testScores.length, ctx.seed());

        List<NabLabels.Window> windows =
                data.nabWindows() != null ? data.nabWindows() : NabScorer.windowsOf(testTimes, testLabels);
        Map<String, Double> ae = detector(testScores, aeAlerts, testLabels, labelled, testTimes, windows);
        Map<String, Double> z = detector(testZ, zAlerts, testLabels, labelled, testTimes, windows);
        Map<String, Double> rnd = detector(randomScores, randomAlerts, testLabels, labelled, testTimes, windows);
        // the test part's scores: the reference of the server's output drift
        Evaluation.Builder b = Evaluation.builder().driftOutput(SensorDrift.SCORE, testScores);
        ae.forEach((k, v) -> b.metric("lstm_ae_" + k, v));
        z.forEach((k, v) -> b.metric("zscore_" + k, v));
        rnd.forEach((k, v) -> b.metric("random_" + k, v));
        b.metric("threshold", state.threshold);

        String from = series.timestamp(trainEnd).toString().replace('T', ' ');
        if (labelled) {
            b.summary(String.format(
                    Locale.ROOT,
                    "test part from %s (%d rows, %d labelled); LSTM autoencoder vs "
                            + "rolling z-score vs random: %s; %s; %s; %s; %s; point-adjusted F1 (optimistic: one "
                            + "alert credits a whole window) %s; threshold: %s",
                    from,
                    testLabels.length,
                    count(testLabels),
                    compare("F1", "f1", ae, z, rnd),
                    compare("event-wise F1", "event_f1", ae, z, rnd),
                    compare("ROC-AUC", "roc_auc", ae, z, rnd),
                    compare("PR-AUC", "pr_auc", ae, z, rnd),
                    compare("NAB score", "nab_score", ae, z, rnd),
                    compare("", "point_adjusted_f1", ae, z, rnd).trim(),
                    state.thresholdNote));
        } else {
            b.summary(String.format(
                    Locale.ROOT,
                    "no labels: %d of %d test rows flagged (%.2f%%); threshold: %s",
                    count(aeAlerts),
                    aeAlerts.length,
                    100 * alertRate,
                    state.thresholdNote));
        }
        double[] value = new double[testScores.length];
        for (int i = 0; i < value.length; i++) {
            value[i] = series.value(trainEnd + i, 0);
        }
        b.chart(seriesChart(
                "Test part: " + series.columns().get(0) + ", detections and label windows",
                from,
                value,
                aeAlerts,
                testLabels,
                labelled));
        b.chart(scoreChart(
                "Test part: reconstruction error and threshold",
                from,
                testScores,
                state.threshold,
                testLabels,
                labelled));
        return b;
    }

    /** One headline metric of the three detectors: {@code "F1 0.412 vs 0.198 vs 0.031"}. */
    private static String compare(
            String label, String key, Map<String, Double> a, Map<String, Double> b, Map<String, Double> c) {
        String f = key.equals("nab_score") ? "%.1f" : "%.3f";
        return String.format(
                Locale.ROOT, "%s " + f + " vs " + f + " vs " + f, label, a.get(key), b.get(key), c.get(key));
    }

    private static Evaluation.Builder classifier(ProjectContext ctx, SensorData data, Block block) {
        HyperParameters hp = ctx.hyperParameters();
        SensorState state = data.state();
        int w = state.window;
        for (SensorSeries f : data.testFiles()) {
            SeriesScaling.rangeWarnings(data.scaler(), f, 0, f.rows()).forEach(m -> ctx.warn("test file " + m));
        }
        if (state.threshold == null) {
            Scored v = Scored.concat(score(ctx, data, block, data.validationFiles(), w));
            state.threshold = "bestf1".equals(state.thresholdRule)
                    ? Thresholds.bestF1(v.scores, v.labels).threshold()
                    : 0.5;
            state.thresholdNote = "bestf1".equals(state.thresholdRule)
                    ? "best F1 on the " + data.validationFiles().size() + " validation files"
                    : "fixed probability 0.5";
        }
        List<Scored> perFile = score(ctx, data, block, data.testFiles(), w);
        Scored t = Scored.concat(perFile);
        boolean[] alerts = Thresholds.apply(t.scores, state.threshold);
        Confusion c = Confusion.of(alerts, t.labels);
        Confusion adjusted = new Confusion(0, 0, 0, 0);
        EventScore events = new EventScore(0, 0, 0, 0);
        List<NabScorer.Result> nab = new ArrayList<>();
        for (Scored f : perFile) {
            boolean[] fa = Thresholds.apply(f.scores, state.threshold);
            adjusted = adjusted.plus(Confusion.of(PointAdjust.adjust(fa, f.labels), f.labels));
            events = events.plus(EventScore.of(fa, f.labels));
            nab.add(NabScorer.score(f.times, risingEdges(fa), NabScorer.windowsOf(f.times, f.labels)));
        }
        double rocAuc = Ranking.rocAuc(t.scores, t.labels);
        double prAuc = Ranking.prAuc(t.scores, t.labels);
        double nabScore = NabScorer.pooled(nab);
        Evaluation.Builder b = Evaluation.builder()
                .metric("f1", c.f1())
                .metric("event_f1", events.f1())
                .metric("roc_auc", rocAuc)
                .metric("pr_auc", prAuc)
                .metric("nab_score", nabScore)
                .metric("precision", c.precision())
                .metric("recall", c.recall())
                .metric("g_mean", c.gMean())
                .metric("event_precision", events.precision())
                .metric("event_recall", events.recall())
                .metric("precision_at_k", Ranking.precisionAtK(t.scores, t.labels))
                .metric("point_adjusted_f1", adjusted.f1())
                .metric("threshold", state.threshold)
                .metric("test_windows", t.scores.length)
                .metric("test_anomalous_share", rate(t.labels));
        b.summary(String.format(
                Locale.ROOT,
                "%s: %d test windows from %d files (%.1f%% anomalous): F1 %.3f, event-wise F1 %.3f, ROC-AUC %.3f, "
                        + "PR-AUC %.3f, NAB score %.1f, G-Mean %.3f; point-adjusted F1 (optimistic) %.3f; "
                        + "threshold: %s",
                hp.get(SensorAnomalyProject.SMOTE) ? "with SMOTE" : "without SMOTE",
                t.scores.length,
                data.testFiles().size(),
                100 * rate(t.labels),
                c.f1(),
                events.f1(),
                rocAuc,
                prAuc,
                nabScore,
                c.gMean(),
                adjusted.f1(),
                state.thresholdNote));
        SensorSeries first = data.testFiles().get(0);
        int n = first.rows() - w + 1;
        double[] value = new double[n];
        boolean[] firstAlerts = Arrays.copyOfRange(alerts, 0, n);
        boolean[] firstLabels = Arrays.copyOfRange(t.labels, 0, n);
        for (int i = 0; i < n; i++) {
            value[i] = first.value(i + w - 1, 0);
        }
        String from = first.timestamp(w - 1).toString().replace('T', ' ') + " (" + first.source() + ")";
        b.chart(seriesChart(
                "First test file: " + first.columns().get(0) + ", detections and labels",
                from,
                value,
                firstAlerts,
                firstLabels,
                true));
        b.chart(scoreChart(
                "First test file: anomaly probability and threshold",
                from,
                Arrays.copyOfRange(t.scores, 0, n),
                state.threshold,
                firstLabels,
                true));
        return b;
    }

    /** Window probabilities, last-row labels and last-row times of one or more files. */
    private record Scored(double[] scores, boolean[] labels, long[] times) {

        static Scored concat(List<Scored> parts) {
            int total = parts.stream().mapToInt(p -> p.scores.length).sum();
            double[] scores = new double[total];
            boolean[] labels = new boolean[total];
            long[] times = new long[total];
            int at = 0;
            for (Scored p : parts) {
                System.arraycopy(p.scores, 0, scores, at, p.scores.length);
                System.arraycopy(p.labels, 0, labels, at, p.labels.length);
                System.arraycopy(p.times, 0, times, at, p.times.length);
                at += p.scores.length;
            }
            return new Scored(scores, labels, times);
        }
    }

    private static List<Scored> score(
            ProjectContext ctx, SensorData data, Block block, List<SensorSeries> files, int w) {
        List<Scored> out = new ArrayList<>();
        for (SensorSeries f : files) {
            double[] s =
                    WindowScoring.windowScores(block, ctx.manager(), SeriesScaling.scale(data.scaler(), f), w, false);
            out.add(new Scored(
                    s, Windows.labelsLast(f.labels(), w, 1), Arrays.copyOfRange(f.epochMillis(), w - 1, f.rows())));
        }
        return out;
    }

    private static double threshold(
            String rule, HyperParameters hp, double[] trainScores, boolean[] trainLabels, boolean labelled) {
        if ("bestf1".equals(rule)) {
            if (!labelled || count(trainLabels) == 0) {
                throw new LstmForgeException("thresholdRule=bestf1 needs labelled anomalies in the training part; "
                        + "use thresholdRule=percentile or give labels (-P labels=combined_windows.json)");
            }
            return Thresholds.bestF1(trainScores, trainLabels).threshold();
        }
        // Points presumed normal: the labelled ones are left out when labels are known.
        double[] normal = labelled ? filter(trainScores, trainLabels) : trainScores;
        return Thresholds.percentile(normal, hp.get(SensorAnomalyProject.THRESHOLD_PERCENTILE));
    }

    private static String describe(String rule, HyperParameters hp) {
        return "bestf1".equals(rule)
                ? "best F1 on the labelled training part"
                : String.format(
                        Locale.ROOT,
                        "%.1fth percentile of the training part's point scores",
                        hp.get(SensorAnomalyProject.THRESHOLD_PERCENTILE));
    }

    /**
     * The metrics of one detector, headline first (see the class description); only
     * {@code alert_rate} without labels.
     */
    static Map<String, Double> detector(
            double[] scores,
            boolean[] alerts,
            boolean[] labels,
            boolean labelled,
            long[] times,
            List<NabLabels.Window> windows) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (labelled) {
            Confusion point = Confusion.of(alerts, labels);
            EventScore events = EventScore.of(alerts, labels);
            m.put("f1", point.f1());
            m.put("event_f1", events.f1());
            m.put("roc_auc", Ranking.rocAuc(scores, labels));
            m.put("pr_auc", Ranking.prAuc(scores, labels));
            m.put(
                    "nab_score",
                    NabScorer.score(times, risingEdges(alerts), windows).normalized());
            m.put("precision", point.precision());
            m.put("recall", point.recall());
            m.put("g_mean", point.gMean());
            m.put("event_precision", events.precision());
            m.put("event_recall", events.recall());
            m.put("precision_at_k", Ranking.precisionAtK(scores, labels));
            m.put(
                    "point_adjusted_f1",
                    Confusion.of(PointAdjust.adjust(alerts, labels), labels).f1());
        }
        m.put("alert_rate", rate(alerts));
        return m;
    }

    /**
     * The first row of every run of alerts: a monitoring system pages once per excursion above
     * the threshold, which is what NAB scores (every later row of the run would otherwise count
     * as another false positive). Applied to every detector alike.
     */
    static boolean[] risingEdges(boolean[] alerts) {
        boolean[] out = new boolean[alerts.length];
        for (int i = 0; i < alerts.length; i++) {
            out[i] = alerts[i] && (i == 0 || !alerts[i - 1]);
        }
        return out;
    }

    private static ChartSpec seriesChart(
            String title, String from, double[] value, boolean[] alerts, boolean[] labels, boolean labelled) {
        double[] x = new double[value.length];
        double[] detected = new double[value.length];
        double[] shade = new double[value.length];
        double top = Arrays.stream(value).max().orElse(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            detected[i] = alerts[i] ? value[i] : Double.NaN;
            shade[i] = labels[i] ? top : Double.NaN;
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        if (labelled) {
            series.add(new ChartSpec.Series("label window", x, shade, ChartSpec.Style.AREA));
        }
        series.add(new ChartSpec.Series("value", x, value));
        series.add(new ChartSpec.Series("alert", x, detected, ChartSpec.Style.MARKERS));
        return new ChartSpec(title, "rows from " + from, "value", series);
    }

    private static ChartSpec scoreChart(
            String title, String from, double[] scores, double threshold, boolean[] labels, boolean labelled) {
        double[] x = new double[scores.length];
        double[] line = new double[scores.length];
        double[] shade = new double[scores.length];
        double top = Math.max(threshold, Arrays.stream(scores).max().orElse(threshold));
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            line[i] = threshold;
            shade[i] = labels[i] ? top : Double.NaN;
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        if (labelled) {
            series.add(new ChartSpec.Series("label window", x, shade, ChartSpec.Style.AREA));
        }
        series.add(new ChartSpec.Series("score", x, scores));
        series.add(new ChartSpec.Series("threshold", x, line));
        return new ChartSpec(title, "rows from " + from, "score", series);
    }

    private static double[] filter(double[] scores, boolean[] labels) {
        int n = 0;
        for (boolean l : labels) {
            n += l ? 0 : 1;
        }
        double[] out = new double[n];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!labels[i]) {
                out[j++] = scores[i];
            }
        }
        return out;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static double rate(boolean[] b) {
        return b.length == 0 ? 0 : count(b) / (double) b.length;
    }
}
