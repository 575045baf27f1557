package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark (NAB) score of a detector's alerts on one series, following the
 * scoring of NAB's reference implementation (Lavin and Ahmad, "Evaluating Real-time Anomaly
 * Detection Algorithms – the Numenta Anomaly Benchmark", 2015).
 *
 * <h2>Exact formula</h2>
 * Rows are indexed {@code i = 0..n-1}. A window {@code [start, end]} covers rows
 * {@code L..R}: the first row with time {@code >= start} to the last row with time {@code <= end};
 * its width is {@code W = R - L + 1}. The scaled sigmoid is
 * <pre>   sigma(y) = 2 / (1 + exp(5 y)) - 1     for y &lt; 3,   sigma(y) = -1   for y &gt;= 3</pre>
 * so sigma(-1) = 0.98661, sigma(0) = 0 and sigma(y) tends to -1 as y grows.
 * <ul>
 *   <li><b>Alert inside a window</b> at row i: relative position {@code y = -(R - i + 1) / W}
 *       (y = -1 at the window's first row, -1/W at its last). Its score is
 *       {@code tpWeight * sigma(y) / sigma(-1)}, so an alert at the first row earns exactly
 *       {@code tpWeight} and later alerts earn less. Only the best, i.e. the earliest, alert of a
 *       window counts; the others neither add nor cost anything.</li>
 *   <li><b>Window without an alert</b>: {@code -fnWeight}.</li>
 *   <li><b>Alert outside every window</b> at row i: if no window has ended before row i it scores
 *       {@code -fpWeight} (sigma(3) = -1); otherwise, with {@code R'} and {@code W'} the last row
 *       and width of the nearest preceding window, {@code y = (i - R') / (W' - 1)} and it scores
 *       {@code fpWeight * sigma(y)}: close to 0 right after a window, approaching
 *       {@code -fpWeight} farther away and exactly {@code -fpWeight} from 3 window widths on.
 *       (For a one-row preceding window, where NAB would divide by zero, {@code W' - 1} is taken
 *       as 1.) Every such alert counts.</li>
 * </ul>
 * The raw score S is the sum of these parts. With {@code S_null = -fnWeight * windows} (a detector
 * that never alerts) and {@code S_perfect} = the score of one alert at the first row of every
 * window ({@code tpWeight * windows} without probation), the normalised score is
 * {@code 100 * (S - S_null) / (S_perfect - S_null)}: 0 for no alerts, 100 for perfect, negative
 * when false positives outweigh the detections. Normalisation is per series here (NAB normalises
 * its corpus total the same way).
 *
 * <h2>Probation</h2>
 * NAB ignores the first {@code min(floor(0.15 n), 750)} rows ({@link #nabProbationRows}), where
 * detectors are still learning: alerts there count for nothing, and a window that ends inside the
 * probation is not scored at all. The three-argument {@link #score(long[], boolean[], List)}
 * uses no probation; pass {@code nabProbationRows(n)} to the five-argument form to match NAB's
 * published numbers. Windows that cover no row of the series (for example outside a scored slice)
 * are left out, and a window only partly inside the series is clipped to it.
 */
public final class NabScorer {

    /**
     * Application-profile weights.
     *
     * @param tpWeight reward for detecting a window at its first row
     * @param fpWeight cost of a false alert far from any window
     * @param fnWeight cost of a missed window
     */
    public record Profile(double tpWeight, double fpWeight, double fnWeight) {

        /** NAB's standard profile: TP 1.0, FP 0.11, FN 1.0. */
        public static final Profile STANDARD = new Profile(1.0, 0.11, 1.0);

        /** NAB's "reward low false positives" profile: TP 1.0, FP 0.22, FN 1.0. */
        public static final Profile REWARD_LOW_FP = new Profile(1.0, 0.22, 1.0);

        /** NAB's "reward low false negatives" profile: TP 1.0, FP 0.11, FN 2.0. */
        public static final Profile REWARD_LOW_FN = new Profile(1.0, 0.11, 2.0);

        /**
         * Checks the weights.
         *
         * @param tpWeight reward for detecting a window at its first row
         * @param fpWeight cost of a false alert far from any window
         * @param fnWeight cost of a missed window
         * @throws IllegalArgumentException unless all weights are finite, TP and FN positive and
         *     FP not negative
         */
        public Profile {
            if (!(tpWeight > 0)
                    || !(fnWeight > 0)
                    || !(fpWeight >= 0)
                    || !Double.isFinite(tpWeight + fpWeight + fnWeight)) {
                throw new IllegalArgumentException("NAB weights must be finite with TP and FN > 0 "
                        + "and FP >= 0; got TP " + tpWeight + ", FP " + fpWeight + ", FN " + fnWeight);
            }
        }
    }

    /**
     * The score of one series.
     *
     * @param raw the raw score S
     * @param normalized {@code 100 * (S - S_null) / (S_perfect - S_null)}; NaN when no window is
     *     scored
     * @param tp windows detected (with at least one scored alert)
     * @param fp scored alerts outside every window
     * @param fn windows missed
     * @param windows windows scored ({@code tp + fn})
     * @param nullScore S_null, the raw score of a detector that never alerts
     * @param perfectScore S_perfect, the raw score of one alert at each window's first scored row
     */
    public record Result(
            double raw,
            double normalized,
            int tp,
            int fp,
            int fn,
            int windows,
            double nullScore,
            double perfectScore) {}

    private NabScorer() {}

    /**
     * The scaled sigmoid {@code 2 / (1 + exp(5 y)) - 1}, or -1 for {@code y >= 3}.
     *
     * @param y relative position (see the class description)
     * @return a value in (-1, 1)
     */
    public static double scaledSigmoid(double y) {
        if (y >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /**
     * NAB's probationary period for a series: {@code min(floor(0.15 * rows), 750)} rows.
     *
     * @param rows the series length
     * @return rows to ignore at the start
     */
    public static int nabProbationRows(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 750);
    }

    /**
     * Scores alerts with the standard profile and no probation.
     *
     * @param timesMillis row timestamps, strictly increasing
     * @param alerts one flag per row: true where the detector raises an alert
     * @param windows the labelled windows (any order, not overlapping)
     * @return the score
     * @throws DataException if the inputs do not fit together
     */
    public static Result score(long[] timesMillis, boolean[] alerts, List<NabLabels.Window> windows) {
        return score(timesMillis, alerts, windows, Profile.STANDARD, 0);
    }

    /**
     * Scores alerts with a given profile and probationary period.
     *
     * @param timesMillis row timestamps, strictly increasing
     * @param alerts one flag per row: true where the detector raises an alert
     * @param windows the labelled windows (any order, not overlapping)
     * @param profile the weights, e.g. {@link Profile#STANDARD}
     * @param probationRows leading rows to ignore (0 for none, {@link #nabProbationRows} for NAB's)
     * @return the score
     * @throws DataException if the inputs do not fit together
     */
    public static Result score(
            long[] timesMillis, boolean[] alerts, List<NabLabels.Window> windows, Profile profile, int probationRows) {
        int n = timesMillis.length;
        if (alerts.length != n) {
            throw new DataException("NAB scoring needs one alert flag per timestamp: " + n + " timestamps but "
                    + alerts.length + " flags");
        }
        if (probationRows < 0) {
            throw new IllegalArgumentException("probationRows must not be negative: " + probationRows);
        }
        for (int i = 1; i < n; i++) {
            if (timesMillis[i] <= timesMillis[i - 1]) {
                throw new DataException("NAB scoring needs strictly increasing timestamps, but"
                        + " row " + i + " (" + timesMillis[i] + " ms) does not come after row "
                        + (i - 1) + " (" + timesMillis[i - 1] + " ms)");
            }
        }
        // windows -> row ranges [left, right], in time order, dropping those without rows
        List<NabLabels.Window> sorted = new ArrayList<>(windows);
        sorted.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        int[] left = new int[sorted.size()];
        int[] right = new int[sorted.size()];
        int w = 0;
        for (int k = 0; k < sorted.size(); k++) {
            NabLabels.Window win = sorted.get(k);
            if (k > 0 && win.startMillis() <= sorted.get(k - 1).endMillis()) {
                throw new DataException("NAB windows must not overlap: " + sorted.get(k - 1) + " and " + win);
            }
            int l = lowerBound(timesMillis, win.startMillis());
            int r = lowerBound(timesMillis, win.endMillis() + 1) - 1;
            if (l <= r) {
                left[w] = l;
                right[w] = r;
                w++;
            }
        }
        double maxTp = scaledSigmoid(-1.0);
        double[] best = new double[w];
        boolean[] hit = new boolean[w];
        double fpSum = 0;
        int fp = 0;
        int cur = 0; // first window whose right end is >= i
        for (int i = 0; i < n; i++) {
            while (cur < w && right[cur] < i) {
                cur++;
            }
            if (!alerts[i] || i < probationRows) {
                continue;
            }
            if (cur < w && left[cur] <= i) {
                double width = right[cur] - left[cur] + 1;
                double s = profile.tpWeight() * scaledSigmoid(-(right[cur] - i + 1) / width) / maxTp;
                if (!hit[cur] || s > best[cur]) {
                    best[cur] = s;
                    hit[cur] = true;
                }
            } else {
                double y;
                if (cur == 0) {
                    y = 3.0;
                } else {
                    int prevWidth = right[cur - 1] - left[cur - 1] + 1;
                    y = (i - right[cur - 1]) / (double) Math.max(prevWidth - 1, 1);
                }
                fpSum += profile.fpWeight() * scaledSigmoid(y);
                fp++;
            }
        }
        double raw = fpSum;
        int tp = 0;
        int scored = 0;
        double perfect = 0;
        for (int k = 0; k < w; k++) {
            if (right[k] < probationRows) {
                continue; // ends inside the probation: not scored, but still a "previous window"
            }
            scored++;
            if (hit[k]) {
                raw += best[k];
                tp++;
            } else {
                raw -= profile.fnWeight();
            }
            int first = Math.max(left[k], probationRows);
            double width = right[k] - left[k] + 1;
            perfect += profile.tpWeight() * scaledSigmoid(-(right[k] - first + 1) / width) / maxTp;
        }
        double nullScore = -profile.fnWeight() * scored;
        double normalized = scored == 0 ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
        return new Result(raw, normalized, tp, fp, scored - tp, scored, nullScore, perfect);
    }

    /**
     * Pools the scores of several series the way NAB normalises its corpus:
     * {@code 100 * (sum S - sum S_null) / (sum S_perfect - sum S_null)}.
     *
     * @param results one result per series
     * @return the pooled normalised score; NaN when no window was scored
     */
    public static double pooled(List<Result> results) {
        double raw = 0;
        double nul = 0;
        double perfect = 0;
        int windows = 0;
        for (Result r : results) {
            raw += r.raw();
            nul += r.nullScore();
            perfect += r.perfectScore();
            windows += r.windows();
        }
        return windows == 0 ? Double.NaN : 100.0 * (raw - nul) / (perfect - nul);
    }

    /**
     * Turns point labels into windows, one per maximal run of labelled rows, from its first to
     * its last timestamp (for data such as SKAB that labels points rather than windows; NAB's own
     * windows are wider than the anomalies they surround).
     *
     * @param timesMillis row timestamps
     * @param labels point labels, same length
     * @return the windows in time order
     */
    public static List<NabLabels.Window> windowsOf(long[] timesMillis, boolean[] labels) {
        List<NabLabels.Window> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] && (i == 0 || !labels[i - 1])) {
                int j = i;
                while (j + 1 < labels.length && labels[j + 1]) {
                    j++;
                }
                out.add(new NabLabels.Window(timesMillis[i], timesMillis[j]));
            }
        }
        return out;
    }

    private static int lowerBound(long[] t, long v) {
        // Timestamps are strictly increasing, so the JDK's search finds the only match.
        int i = java.util.Arrays.binarySearch(t, v);
        return i >= 0 ? i : -i - 1;
    }
}
