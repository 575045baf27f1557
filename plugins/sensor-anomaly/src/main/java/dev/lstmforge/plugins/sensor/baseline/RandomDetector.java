package dev.lstmforge.plugins.sensor.baseline;

import java.util.Random;

/**
 * The random baseline: alerts (or scores) that ignore the data, for calibrating what a metric
 * gives by chance. Deterministic for a seed ({@code java.util.Random}).
 */
public final class RandomDetector {

    private RandomDetector() {}

    /**
     * Raises exactly {@code Math.round(n * alertRate)} alerts at distinct positions drawn
     * uniformly (Floyd's sampling: O(alerts) random draws, no extra memory beyond the result).
     *
     * @param n number of points, at least 0
     * @param alertRate share of points to flag, in [0, 1]
     * @param seed random seed
     * @return the alert flags
     * @throws IllegalArgumentException if n or the rate is out of range
     */
    public static boolean[] alerts(int n, double alertRate, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        if (!(alertRate >= 0 && alertRate <= 1)) {
            throw new IllegalArgumentException("alertRate must be in [0, 1], got " + alertRate);
        }
        int k = (int) Math.round(n * alertRate);
        boolean[] out = new boolean[n];
        Random rnd = new Random(seed);
        for (int j = n - k; j < n; j++) {
            int t = rnd.nextInt(j + 1);
            if (out[t]) {
                out[j] = true;
            } else {
                out[t] = true;
            }
        }
        return out;
    }

    /**
     * Uniform random scores in [0, 1), one per point; with any labels their expected ROC AUC is
     * 0.5.
     *
     * @param n number of points
     * @param seed random seed
     * @return the scores
     */
    public static double[] scores(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        Random rnd = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextDouble();
        }
        return out;
    }
}
