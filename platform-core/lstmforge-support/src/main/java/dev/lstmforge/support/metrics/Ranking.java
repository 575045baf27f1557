package dev.lstmforge.support.metrics;

import dev.lstmforge.support.DataException;

/**
 * Threshold-free ranking metrics for scores where higher means "more likely positive" (an
 * anomaly score, a class probability). Scores must not be NaN; infinities are allowed. Every
 * method sorts once: O(n log n) time, O(n) extra memory, no boxing.
 *
 * <p>Undefined cases return {@code Double.NaN}: ROC-AUC without positives or without negatives,
 * PR-AUC and precision-at-k without positives. The multi-class forms average the one-vs-rest
 * values over the classes where they are defined.
 *
 * <pre>{@code
 * double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
 * boolean[] labels = {true, false, true, true, false, false};
 * Ranking.rocAuc(scores, labels);   // 7/9: 7 of the 9 positive-negative pairs are ordered right
 * Ranking.prAuc(scores, labels);    // 29/36: (1 + 2/3 + 3/4) / 3
 * Ranking.macroRocAuc(probabilities, actualClasses);  // one-vs-rest, averaged over the classes
 * }</pre>
 */
public final class Ranking {

    private Ranking() {}

    /**
     * Returns the area under the ROC curve, computed as the Mann-Whitney statistic: the
     * probability that a random positive scores higher than a random negative, ties counting one
     * half. This equals the rank-sum formula {@code (R+ - P(P+1)/2) / (P N)} with average ranks
     * for ties, and the trapezoidal area under the ROC curve.
     *
     * @param scores the scores
     * @param labels true labels, same length
     * @return AUC in [0, 1]: 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores
     *     tie; NaN without positives or negatives
     * @throws DataException if the lengths differ or a score is NaN
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        Order.check(scores, labels);
        int n = scores.length;
        int pos = Order.positives(labels);
        int neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        int[] idx = Order.descending(scores);
        // walk from the lowest score upwards, counting negatives strictly below each tie group
        double wins = 0;
        long negBelow = 0;
        int j = n;
        while (j > 0) {
            int i = j - 1;
            double s = scores[idx[i]];
            while (i > 0 && scores[idx[i - 1]] == s) {
                i--;
            }
            long gp = Order.positivesIn(labels, idx, i, j);
            long gn = (j - i) - gp;
            wins += gp * (negBelow + 0.5 * gn);
            negBelow += gn;
            j = i;
        }
        return wins / ((double) pos * neg);
    }

    /**
     * Returns the average precision, the step-wise area under the precision-recall curve:
     * {@code sum over thresholds of (R_t - R_{t-1}) * P_t}, where the thresholds are the distinct
     * scores from the highest down and a point is predicted positive when its score is at least
     * the threshold. Tied scores enter together (one step), so the result does not depend on the
     * order of tied points. This is the definition of scikit-learn's
     * {@code average_precision_score}; a random ranking scores about the positive share.
     *
     * @param scores the scores
     * @param labels true labels, same length
     * @return AP in (0, 1]; NaN without positives
     * @throws DataException if the lengths differ or a score is NaN
     */
    public static double prAuc(double[] scores, boolean[] labels) {
        Order.check(scores, labels);
        int n = scores.length;
        int pos = Order.positives(labels);
        if (pos == 0) {
            return Double.NaN;
        }
        int[] idx = Order.descending(scores);
        double ap = 0;
        long tp = 0;
        long seen = 0;
        int i = 0;
        while (i < n) {
            int j = Order.tieEnd(scores, idx, i);
            long gp = Order.positivesIn(labels, idx, i, j);
            tp += gp;
            seen += j - i;
            if (gp > 0) {
                ap += ((double) gp / pos) * ((double) tp / seen);
            }
            i = j;
        }
        return ap;
    }

    /**
     * Returns the precision among the {@code k} highest scores. When the k-th place falls inside
     * a group of tied scores, the group contributes its expected share: the free places times the
     * fraction of positives in the group (the mean over all orders of the tied points).
     *
     * @param scores the scores
     * @param labels true labels, same length
     * @param k how many top points to inspect, 1 to n
     * @return precision in [0, 1]
     * @throws IllegalArgumentException if k is out of range (a programming error)
     */
    public static double precisionAtK(double[] scores, boolean[] labels, int k) {
        Order.check(scores, labels);
        int n = scores.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
        }
        int[] idx = Order.descending(scores);
        double hits = 0;
        int i = 0;
        while (i < k) {
            int j = Order.tieEnd(scores, idx, i);
            long gp = Order.positivesIn(labels, idx, i, j);
            int taken = Math.min(j, k) - i;
            hits += taken == j - i ? gp : (double) gp * taken / (j - i);
            i = j;
        }
        return hits / k;
    }

    /**
     * Returns the precision among the top P scores, P being the number of positives
     * (R-precision), the usual choice of k.
     *
     * @param scores the scores
     * @param labels true labels, same length
     * @return precision in [0, 1]; NaN without positives
     */
    public static double precisionAtK(double[] scores, boolean[] labels) {
        Order.check(scores, labels);
        int pos = Order.positives(labels);
        return pos == 0 ? Double.NaN : precisionAtK(scores, labels, pos);
    }

    /**
     * Returns the one-vs-rest ROC-AUC of a multi-class classifier, averaged without weights over
     * the classes that have both positives and negatives among the actual labels.
     *
     * @param scores {@code scores[sample][class]}, for example softmax probabilities
     * @param actual the true class of each sample
     * @return the macro ROC-AUC; NaN when no class has both
     * @throws DataException if the shapes do not match or a class index is out of range
     */
    public static double macroRocAuc(double[][] scores, int[] actual) {
        return macro(scores, actual, true);
    }

    /**
     * Returns the one-vs-rest average precision of a multi-class classifier, averaged without
     * weights over the classes that occur among the actual labels.
     *
     * @param scores {@code scores[sample][class]}
     * @param actual the true class of each sample
     * @return the macro PR-AUC; NaN when no sample is given
     * @throws DataException if the shapes do not match or a class index is out of range
     */
    public static double macroPrAuc(double[][] scores, int[] actual) {
        return macro(scores, actual, false);
    }

    private static double macro(double[][] scores, int[] actual, boolean roc) {
        if (scores.length != actual.length) {
            throw new DataException("scores and labels differ in length: " + scores.length + " vs " + actual.length);
        }
        if (scores.length == 0) {
            return Double.NaN;
        }
        int k = scores[0].length;
        double[] column = new double[scores.length];
        boolean[] labels = new boolean[scores.length];
        double sum = 0;
        int n = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < scores.length; i++) {
                if (scores[i].length != k) {
                    throw new DataException(
                            "sample " + i + " has " + scores[i].length + " class scores; sample 0 has " + k);
                }
                if (actual[i] < 0 || actual[i] >= k) {
                    throw new DataException(
                            "label " + i + " is class " + actual[i] + "; classes run from 0 to " + (k - 1));
                }
                column[i] = scores[i][c];
                labels[i] = actual[i] == c;
            }
            double v = roc ? rocAuc(column, labels) : prAuc(column, labels);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
