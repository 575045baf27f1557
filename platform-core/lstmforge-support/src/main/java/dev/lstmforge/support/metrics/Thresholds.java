package dev.lstmforge.support.metrics;

import dev.lstmforge.support.DataException;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Turning scores into decisions: percentile thresholds and the threshold search that maximises a
 * criterion such as F1 or G-Mean. A point is flagged when its score is at least the threshold
 * ({@code score >= threshold}).
 *
 * <pre>{@code
 * double cut = Thresholds.percentile(trainingScores, 99);          // flag the top 1% seen in training
 * Thresholds.Best best = Thresholds.bestF1(validationScores, validationLabels);
 * boolean[] alerts = Thresholds.apply(testScores, best.threshold());
 * Thresholds.Best balanced = Thresholds.search(scores, labels, Confusion::gMean);
 * }</pre>
 */
public final class Thresholds {

    private Thresholds() {}

    /**
     * The best threshold found by a search.
     *
     * @param threshold flag points with {@code score >= threshold}; {@code +Infinity} when no cut
     *     beats "flag nothing", meaning flag nothing
     * @param value the criterion reached
     * @param confusion the confusion matrix at this threshold
     */
    public record Best(double threshold, double value, Confusion confusion) {

        /**
         * Returns the F1 at this threshold.
         *
         * @return F1
         */
        public double f1() {
            return confusion.f1();
        }

        /**
         * Returns the precision at this threshold.
         *
         * @return precision
         */
        public double precision() {
            return confusion.precision();
        }

        /**
         * Returns the recall at this threshold.
         *
         * @return recall
         */
        public double recall() {
            return confusion.recall();
        }
    }

    /**
     * Returns the p-th percentile with linear interpolation between the two nearest ranks
     * (numpy's default): with the scores sorted ascending as {@code x[0..n-1]} and
     * {@code h = (n - 1) * p / 100}, the result is
     * {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}. So p = 0 gives the
     * minimum, p = 100 the maximum, p = 50 the median.
     *
     * @param scores the values, at least one, no NaN (not modified)
     * @param p the percentile in [0, 100]
     * @return the interpolated percentile
     * @throws IllegalArgumentException if p is out of range (a programming error)
     * @throws DataException if there are no values or one is NaN
     */
    public static double percentile(double[] scores, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        if (scores.length == 0) {
            throw new DataException("cannot take a percentile of no values");
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
     * Returns the threshold that maximises a criterion of the confusion matrix over every
     * distinct score used as a cut, plus "flag nothing" ({@code +Infinity}). Ties in the criterion
     * go to the highest threshold, that is the fewest alerts. One sort and one pass:
     * O(n log n) plus one criterion call per distinct score.
     *
     * @param scores the scores, no NaN
     * @param labels true labels, same length
     * @param criterion what to maximise, for example {@code Confusion::f1} or
     *     {@code Confusion::gMean}
     * @return the best threshold, its criterion value and its confusion matrix
     * @throws DataException if the lengths differ or a score is NaN
     */
    public static Best search(double[] scores, boolean[] labels, ToDoubleFunction<Confusion> criterion) {
        Order.check(scores, labels);
        int n = scores.length;
        long pos = Order.positives(labels);
        long neg = n - pos;
        int[] idx = Order.descending(scores);
        Confusion none = new Confusion(0, 0, neg, pos);
        Best best = new Best(Double.POSITIVE_INFINITY, criterion.applyAsDouble(none), none);
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            double s = scores[idx[i]];
            int j = Order.tieEnd(scores, idx, i);
            long gp = Order.positivesIn(labels, idx, i, j);
            tp += gp;
            fp += (j - i) - gp;
            Confusion c = new Confusion(tp, fp, neg - fp, pos - tp);
            double v = criterion.applyAsDouble(c);
            if (v > best.value()) {
                best = new Best(s, v, c);
            }
            i = j;
        }
        return best;
    }

    /**
     * Returns the threshold with the highest F1 (see {@link #search}).
     *
     * @param scores the scores, no NaN
     * @param labels true labels, same length
     * @return the best threshold; {@code +Infinity} and F1 0 when there is no positive
     */
    public static Best bestF1(double[] scores, boolean[] labels) {
        return search(scores, labels, Confusion::f1);
    }

    /**
     * Returns the threshold with the highest G-Mean, sqrt(TPR * TNR) (see {@link #search}): it
     * balances recall on both classes, which suits heavily imbalanced data.
     *
     * @param scores the scores, no NaN
     * @param labels true labels, same length
     * @return the best threshold
     */
    public static Best bestGMean(double[] scores, boolean[] labels) {
        return search(scores, labels, Confusion::gMean);
    }

    /**
     * Flags the points whose score is at least the threshold.
     *
     * @param scores the scores
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
