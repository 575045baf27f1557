package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.plugins.sensor.data.SensorDataException;
import java.util.Arrays;

/**
 * Turning anomaly scores into alerts: percentile thresholds and the F1-optimal threshold.
 * A point is flagged when its score is at least the threshold ({@code score >= threshold}).
 */
public final class Thresholds {

    private Thresholds() {
    }

    /**
     * The best threshold found by {@link #bestF1}.
     *
     * @param threshold flag points with {@code score >= threshold}; {@code +Infinity} when no
     *     cut gives a positive F1 (no positives at all), meaning "flag nothing"
     * @param f1 the F1 reached
     * @param precision the precision reached
     * @param recall the recall reached
     * @param confusion the full confusion matrix at this threshold
     */
    public record BestF1(double threshold, double f1, double precision, double recall,
            Confusion confusion) {
    }

    /**
     * The p-th percentile with linear interpolation between the two nearest ranks (numpy's
     * default): with the scores sorted ascending as {@code x[0..n-1]} and {@code h = (n - 1) * p /
     * 100}, the result is {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}.
     * So p = 0 gives the minimum, p = 100 the maximum, p = 50 the median.
     *
     * @param scores the values, at least one, no NaN (not modified)
     * @param p the percentile in [0, 100]
     * @return the interpolated percentile
     * @throws IllegalArgumentException if p is out of range or the array is empty
     */
    public static double percentile(double[] scores, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        Order.checkScores(scores);
        double[] x = scores.clone();
        Arrays.sort(x);
        double h = (x.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        double frac = h - lo;
        if (frac == 0 || lo + 1 >= x.length || x[lo] == x[lo + 1]) {
            return x[lo];
        }
        return x[lo] + frac * (x[lo + 1] - x[lo]);
    }

    /**
     * The threshold that maximises F1 over every distinct score used as a cut point (plus "flag
     * nothing"). Ties in F1 go to the highest threshold, i.e. the fewest alerts. One sort and one
     * pass: O(n log n).
     *
     * @param scores anomaly scores, no NaN
     * @param labels true labels, same length
     * @return the best threshold and its scores
     * @throws SensorDataException if the lengths differ or a score is NaN
     */
    public static BestF1 bestF1(double[] scores, boolean[] labels) {
        Order.check(scores, labels);
        int n = scores.length;
        long pos = Order.positives(labels);
        long neg = n - pos;
        int[] idx = Order.descending(scores);
        double bestThreshold = Double.POSITIVE_INFINITY;
        long bestTp = 0;
        long bestFp = 0;
        double bestF1 = 0;
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            double s = scores[idx[i]];
            int j = Order.tieEnd(scores, idx, i);
            long gp = Order.positivesIn(labels, idx, i, j);
            tp += gp;
            fp += (j - i) - gp;
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + (pos - tp));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = s;
                bestTp = tp;
                bestFp = fp;
            }
            i = j;
        }
        Confusion c = new Confusion(bestTp, bestFp, neg - bestFp, pos - bestTp);
        return new BestF1(bestThreshold, c.f1(), c.precision(), c.recall(), c);
    }

    /**
     * Flags the points whose score is at least the threshold.
     *
     * @param scores anomaly scores
     * @param threshold the cut
     * @return {@code scores[i] >= threshold} for each i
     */
    public static boolean[] apply(double[] scores, double threshold) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold;
        }
        return out;
    }
}
