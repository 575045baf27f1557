package dev.lstmforge.plugins.sensor.baseline;

import dev.lstmforge.support.DataException;

/**
 * The rolling z-score baseline detector: each point is scored by how many standard deviations it
 * lies from the mean of the {@code window} points before it,
 * {@code score[i] = |x[i] - mean(x[i-window..i-1])| / std(x[i-window..i-1])}, with the population
 * standard deviation (divisor {@code window}). The first {@code window} points have no full
 * history and score 0. When the history is (numerically) flat, its standard deviation is raised
 * to {@code 1e-12 * max(1, |mean|)}, so a departure from a flat line scores very high and a
 * repeat of it scores 0.
 *
 * <p>Runs in O(n) with running sums of {@code x - ref} (ref = a recent value, which avoids the
 * cancellation of raw sums of squares); the sums are recomputed from scratch every
 * {@code window} steps so rounding errors cannot accumulate.
 */
public final class RollingZScore {

    private RollingZScore() {}

    /**
     * Scores a univariate series.
     *
     * @param series the values, all finite
     * @param window history length, at least 2
     * @return one non-negative score per point
     * @throws IllegalArgumentException if the window is below 2
     * @throws DataException if a value is not finite
     */
    public static double[] scores(double[] series, int window) {
        double[] out = new double[series.length];
        scoresInto(series, window, out, null);
        return out;
    }

    /**
     * Scores a multivariate series: each column is scored on its own and a row's score is the
     * largest of its columns' scores.
     *
     * @param values the values as [row][column], all finite
     * @param window history length, at least 2
     * @return one non-negative score per row
     * @throws IllegalArgumentException if the window is below 2
     * @throws DataException if a value is not finite or rows differ in width
     */
    public static double[] scores(double[][] values, int window) {
        int n = values.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int cols = values[0].length;
        double[] column = new double[n];
        double[] colScores = new double[n];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < n; r++) {
                if (values[r].length != cols) {
                    throw new DataException("row " + r + " has " + values[r].length + " values; row 0 has " + cols);
                }
                column[r] = values[r][c];
            }
            scoresInto(column, window, colScores, "column " + c + ", ");
            for (int r = 0; r < n; r++) {
                if (colScores[r] > out[r]) {
                    out[r] = colScores[r];
                }
            }
        }
        return out;
    }

    private static void scoresInto(double[] x, int window, double[] dst, String where) {
        if (window < 2) {
            throw new IllegalArgumentException("rolling z-score window must be at least 2, got " + window);
        }
        int n = x.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new DataException("rolling z-score: " + (where == null ? "" : where) + "row " + i + " holds "
                        + x[i] + "; values must be finite");
            }
        }
        int first = Math.min(window, n);
        for (int i = 0; i < first; i++) {
            dst[i] = 0;
        }
        if (n <= window) {
            return;
        }
        double ref = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = window; i < n; i++) {
            if ((i - window) % window == 0) {
                ref = x[i - 1];
                sum = 0;
                sumSq = 0;
                for (int q = i - window; q < i; q++) {
                    double d = x[q] - ref;
                    sum += d;
                    sumSq += d * d;
                }
            }
            double meanShift = sum / window;
            double var = sumSq / window - meanShift * meanShift;
            double mean = ref + meanShift;
            double std = Math.sqrt(Math.max(var, 0));
            double floor = 1e-12 * Math.max(1.0, Math.abs(mean));
            double dev = Math.abs(x[i] - mean);
            dst[i] = dev <= floor ? 0 : dev / Math.max(std, floor);
            double add = x[i] - ref;
            double drop = x[i - window] - ref;
            sum += add - drop;
            sumSq += add * add - drop * drop;
        }
    }
}
