package dev.lstmforge.plugins.sensor.evaluator;

import ai.djl.nn.Block;

import dev.lstmforge.plugins.sensor.SensorData;
import dev.lstmforge.plugins.sensor.SensorState;
import dev.lstmforge.plugins.sensor.baseline.RandomDetector;
import dev.lstmforge.plugins.sensor.baseline.RollingZScore;
import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.Windows;
import dev.lstmforge.plugins.sensor.dataset.WindowScoring;
import dev.lstmforge.plugins.sensor.metrics.Confusion;
import dev.lstmforge.plugins.sensor.metrics.NabScorer;
import dev.lstmforge.plugins.sensor.metrics.PointAdjust;
import dev.lstmforge.plugins.sensor.metrics.Ranking;
import dev.lstmforge.plugins.sensor.metrics.Thresholds;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.ProjectContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the test part, fixes the alert threshold on first use (from the training part, then
 * saved with the model), and reports every detector with the same metrics.
 *
 * <p>Definitions. <b>Point-adjusted</b> precision, recall and F1: a labelled anomaly segment
 * counts as detected in full when any of its points raises an alert; alerts outside segments are
 * false positives point by point. <b>G-Mean</b> = sqrt(TPR · TNR) on the same adjusted points.
 * <b>ROC-AUC</b>, <b>PR-AUC</b> (average precision) and <b>Precision@K</b> (K = number of
 * labelled points) rank the raw point scores. The <b>NAB score</b> uses the standard profile
 * (true positive 1, false positive 0.11, false negative 1), normalised so that a detector that
 * never alerts scores 0 and a perfect one 100; a detector's NAB detections are the first rows of
 * its runs of alerts (one page per excursion above the threshold).
 */
public final class AnomalyEvaluator {

    private AnomalyEvaluator() {}

    /**
     * Evaluates.
     *
     * @param ctx the run's context
     * @param data the prepared data
     * @param block the trained network
     * @return metrics, summary and plots
     */
    public static Evaluation evaluate(ProjectContext ctx, SensorData data, Block block) {
        return "classifier".equals(data.state().mode)
                ? classifier(ctx, data, block)
                : autoencoder(ctx, data, block);
    }

    private static Evaluation autoencoder(ProjectContext ctx, SensorData data, Block block) {
        HyperParameters hp = ctx.hyperParameters();
        SensorState state = data.state();
        SensorSeries series = data.series();
        int rows = series.rows();
        int trainEnd = data.trainEnd();
        double[][] scaled = data.scaler().transformAll(series);
        double[] scores = WindowScoring.pointScores(
                WindowScoring.windowScores(block, ctx.manager(), scaled, state.window, true), rows, state.window, true);
        boolean[] labels = series.labels();
        boolean labelled = series.hasLabels();

        double[] zscores = RollingZScore.scores(series.values(), hp.getInt("zscoreWindow", 2));
        String rule = state.thresholdRule;
        if (state.threshold == null) {
            state.threshold = threshold(rule, hp, Arrays.copyOfRange(scores, 0, trainEnd),
                    Arrays.copyOfRange(labels, 0, trainEnd), labelled);
            state.thresholdNote = describe(rule, hp);
        }
        double zThreshold = threshold(rule, hp, Arrays.copyOfRange(zscores, 0, trainEnd),
                Arrays.copyOfRange(labels, 0, trainEnd), labelled);

        double[] testScores = Arrays.copyOfRange(scores, trainEnd, rows);
        double[] testZ = Arrays.copyOfRange(zscores, trainEnd, rows);
        boolean[] testLabels = Arrays.copyOfRange(labels, trainEnd, rows);
        long[] testTimes = Arrays.copyOfRange(series.epochMillis(), trainEnd, rows);
        boolean[] aeAlerts = Thresholds.apply(testScores, state.threshold);
        double alertRate = rate(aeAlerts);
        boolean[] zAlerts = Thresholds.apply(testZ, zThreshold);
        boolean[] randomAlerts = RandomDetector.alerts(testScores.length, alertRate, ctx.seed());
        double[] randomScores = RandomDetector.scores(testScores.length, ctx.seed());

        Evaluation.Builder b = Evaluation.builder();
        b.metric("threshold", state.threshold);
        List<NabLabels.Window> windows = data.nabWindows();
        Map<String, Double> ae = detector(testScores, aeAlerts, testLabels, labelled, testTimes, windows);
        Map<String, Double> z = detector(testZ, zAlerts, testLabels, labelled, testTimes, windows);
        Map<String, Double> rnd = detector(randomScores, randomAlerts, testLabels, labelled, testTimes, windows);
        ae.forEach((k, v) -> b.metric("lstm_ae_" + k, v));
        z.forEach((k, v) -> b.metric("zscore_" + k, v));
        rnd.forEach((k, v) -> b.metric("random_" + k, v));

        String from = series.timestamp(trainEnd).toString().replace('T', ' ');
        if (labelled) {
            b.summary(String.format(Locale.ROOT,
                    "test part from %s (%d rows, %d labelled): point-adjusted F1 LSTM autoencoder %.3f vs rolling "
                            + "z-score %.3f vs random %.3f%s; threshold: %s",
                    from, testLabels.length, count(testLabels), ae.get("f1"), z.get("f1"), rnd.get("f1"),
                    windows == null ? "" : String.format(Locale.ROOT, "; NAB score %.1f vs %.1f vs %.1f",
                            ae.get("nab_score"), z.get("nab_score"), rnd.get("nab_score")),
                    state.thresholdNote));
        } else {
            b.summary(String.format(Locale.ROOT, "no labels: %d of %d test rows flagged (%.2f%%); threshold: %s",
                    count(aeAlerts), aeAlerts.length, 100 * alertRate, state.thresholdNote));
        }
        double[] value = new double[testScores.length];
        for (int i = 0; i < value.length; i++) {
            value[i] = series.value(trainEnd + i, 0);
        }
        b.chart(seriesChart("Test part: " + series.columns().get(0) + ", detections and label windows", from, value,
                aeAlerts, testLabels, labelled));
        b.chart(scoreChart("Test part: reconstruction error and threshold", from, testScores, state.threshold,
                testLabels, labelled));
        return b.build();
    }

    private static Evaluation classifier(ProjectContext ctx, SensorData data, Block block) {
        HyperParameters hp = ctx.hyperParameters();
        SensorState state = data.state();
        int w = state.window;
        if (state.threshold == null) {
            Scored v = score(ctx, data, block, data.validationFiles(), w);
            state.threshold = "bestf1".equals(state.thresholdRule)
                    ? Thresholds.bestF1(v.scores, v.labels).threshold()
                    : 0.5;
            state.thresholdNote = "bestf1".equals(state.thresholdRule)
                    ? "best F1 on the " + data.validationFiles().size() + " validation files"
                    : "fixed probability 0.5";
        }
        Scored t = score(ctx, data, block, data.testFiles(), w);
        boolean[] alerts = Thresholds.apply(t.scores, state.threshold);
        Confusion c = Confusion.of(alerts, t.labels);
        Confusion adjusted = Confusion.of(PointAdjust.adjust(alerts, t.labels), t.labels);
        Evaluation.Builder b = Evaluation.builder()
                .metric("f1", c.f1())
                .metric("g_mean", c.gMean())
                .metric("precision", c.precision())
                .metric("recall", c.recall())
                .metric("roc_auc", Ranking.rocAuc(t.scores, t.labels))
                .metric("pr_auc", Ranking.prAuc(t.scores, t.labels))
                .metric("precision_at_k", Ranking.precisionAtK(t.scores, t.labels))
                .metric("f1_point_adjusted", adjusted.f1())
                .metric("threshold", state.threshold)
                .metric("test_windows", t.scores.length)
                .metric("test_anomalous_share", rate(t.labels));
        b.summary(String.format(Locale.ROOT,
                "%s: %d test windows from %d files (%.1f%% anomalous): F1 %.3f, G-Mean %.3f, ROC-AUC %.3f, "
                        + "PR-AUC %.3f; threshold: %s",
                hp.getBoolean("smote") ? "with SMOTE" : "without SMOTE", t.scores.length, data.testFiles().size(),
                100 * rate(t.labels), c.f1(), c.gMean(), Ranking.rocAuc(t.scores, t.labels),
                Ranking.prAuc(t.scores, t.labels), state.thresholdNote));
        SensorSeries first = data.testFiles().get(0);
        int n = first.rows() - w + 1;
        double[] value = new double[n];
        boolean[] firstAlerts = Arrays.copyOfRange(alerts, 0, n);
        boolean[] firstLabels = Arrays.copyOfRange(t.labels, 0, n);
        for (int i = 0; i < n; i++) {
            value[i] = first.value(i + w - 1, 0);
        }
        String from = first.timestamp(w - 1).toString().replace('T', ' ') + " (" + first.source() + ")";
        b.chart(seriesChart("First test file: " + first.columns().get(0) + ", detections and labels", from, value,
                firstAlerts, firstLabels, true));
        b.chart(scoreChart("First test file: anomaly probability and threshold", from,
                Arrays.copyOfRange(t.scores, 0, n), state.threshold, firstLabels, true));
        return b.build();
    }

    /** Window probabilities and last-row labels of several files, concatenated. */
    private record Scored(double[] scores, boolean[] labels) {}

    private static Scored score(ProjectContext ctx, SensorData data, Block block, List<SensorSeries> files, int w) {
        List<double[]> s = new ArrayList<>();
        List<boolean[]> l = new ArrayList<>();
        for (SensorSeries f : files) {
            s.add(WindowScoring.windowScores(block, ctx.manager(), data.scaler().transformAll(f), w, false));
            l.add(Windows.labelsLast(f.labels(), w, 1));
        }
        int total = s.stream().mapToInt(a -> a.length).sum();
        double[] scores = new double[total];
        boolean[] labels = new boolean[total];
        int at = 0;
        for (int i = 0; i < s.size(); i++) {
            System.arraycopy(s.get(i), 0, scores, at, s.get(i).length);
            System.arraycopy(l.get(i), 0, labels, at, l.get(i).length);
            at += s.get(i).length;
        }
        return new Scored(scores, labels);
    }

    private static double threshold(String rule, HyperParameters hp, double[] trainScores, boolean[] trainLabels,
            boolean labelled) {
        if ("bestf1".equals(rule)) {
            if (!labelled || count(trainLabels) == 0) {
                throw new LstmForgeException("thresholdRule=bestf1 needs labelled anomalies in the training part; "
                        + "use thresholdRule=percentile or give labels (-P labels=combined_windows.json)");
            }
            return Thresholds.bestF1(trainScores, trainLabels).threshold();
        }
        if (!"percentile".equals(rule)) {
            throw new LstmForgeException("hyper-parameter 'thresholdRule' must be percentile or bestf1, got '"
                    + rule + "'");
        }
        double p = hp.getDouble("thresholdPercentile");
        if (!(p > 0 && p < 100)) {
            throw new LstmForgeException("hyper-parameter 'thresholdPercentile' must be between 0 and 100, got " + p);
        }
        // Points presumed normal: the labelled ones are left out when labels are known.
        double[] normal = labelled ? filter(trainScores, trainLabels) : trainScores;
        return Thresholds.percentile(normal, p);
    }

    private static String describe(String rule, HyperParameters hp) {
        return "bestf1".equals(rule)
                ? "best F1 on the labelled training part"
                : String.format(Locale.ROOT, "%.1fth percentile of the training part's point scores",
                        hp.getDouble("thresholdPercentile"));
    }

    private static Map<String, Double> detector(double[] scores, boolean[] alerts, boolean[] labels, boolean labelled,
            long[] times, List<NabLabels.Window> windows) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (labelled) {
            Confusion adjusted = Confusion.of(PointAdjust.adjust(alerts, labels), labels);
            m.put("f1", adjusted.f1());
            m.put("precision", adjusted.precision());
            m.put("recall", adjusted.recall());
            m.put("g_mean", adjusted.gMean());
            m.put("f1_pointwise", Confusion.of(alerts, labels).f1());
            m.put("roc_auc", Ranking.rocAuc(scores, labels));
            m.put("pr_auc", Ranking.prAuc(scores, labels));
            m.put("precision_at_k", Ranking.precisionAtK(scores, labels));
            if (windows != null) {
                m.put("nab_score", NabScorer.score(times, risingEdges(alerts), windows).normalized());
            }
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

    private static ChartSpec seriesChart(String title, String from, double[] value, boolean[] alerts,
            boolean[] labels, boolean labelled) {
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

    private static ChartSpec scoreChart(String title, String from, double[] scores, double threshold,
            boolean[] labels, boolean labelled) {
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
