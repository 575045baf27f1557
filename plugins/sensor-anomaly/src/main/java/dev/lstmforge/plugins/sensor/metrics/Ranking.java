package dev.lstmforge.plugins.sensor.metrics;

/**
 * Threshold-free ranking metrics for anomaly scores (higher score = more anomalous, label true =
 * anomalous). Scores must not be NaN; infinities are allowed. All methods sort once:
 * O(n log n) time, O(n) extra memory, no boxing.
 *
 * <p>Undefined cases return {@code Double.NaN}: ROC AUC without positives or without negatives,
 * PR AUC and precision-at-k without positives.
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * Area under the ROC curve, computed as the Mann-Whitney statistic: the probability that a
     * random positive scores higher than a random negative, ties counting one half. This equals
     * the rank-sum formula {@code (R+ - P(P+1)/2) / (P N)} with average ranks for ties, and the
     * trapezoidal area under the ROC curve.
     *
     * @param scores anomaly scores
     * @param labels true labels, same length
     * @return AUC in [0, 1]: 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores
     *     tie; NaN without positives or negatives
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
        // walk from the lowest score upwards, counting negatives strictly below each group
        double wins = 0;
        long negBelow = 0;
        int j = n;
        while (j > 0) {
            int i = j - 1;
            double s = scores[idx[i]];
            while (i > 0 && scores[idx[i - 1]] == s) {
                i--;
            }
            long gp = 0;
            long gn = 0;
            for (int q = i; q < j; q++) {
                if (labels[idx[q]]) {
                    gp++;
                } else {
                    gn++;
                }
            }
            wins += gp * (negBelow + 0.5 * gn);
            negBelow += gn;
            j = i;
        }
        return wins / ((double) pos * neg);
    }

    /**
     * Average precision, the step-wise area under the precision-recall curve:
     * {@code sum over thresholds of (R_t - R_{t-1}) * P_t}, where the thresholds are the distinct
     * scores from the highest down and a point is predicted positive when its score is at least
     * the threshold. Tied scores enter together (one step), so the result does not depend on the
     * order of tied points. This is the definition of scikit-learn's
     * {@code average_precision_score}.
     *
     * @param scores anomaly scores
     * @param labels true labels, same length
     * @return AP in (0, 1]; NaN without positives
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
     * Precision among the {@code k} highest scores. When the k-th place falls inside a group of
     * tied scores, the group contributes its expected share: the free places times the fraction
     * of positives in the group (the mean over all orders of the tied points).
     *
     * @param scores anomaly scores
     * @param labels true labels, same length
     * @param k how many top points to inspect, 1 to n
     * @return precision in [0, 1]
     * @throws IllegalArgumentException if k is out of range
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
     * Precision among the top P scores, P being the number of positives (R-precision); this is
     * the usual choice of k.
     *
     * @param scores anomaly scores
     * @param labels true labels, same length
     * @return precision in [0, 1]; NaN without positives
     */
    public static double precisionAtK(double[] scores, boolean[] labels) {
        Order.check(scores, labels);
        int pos = Order.positives(labels);
        return pos == 0 ? Double.NaN : precisionAtK(scores, labels, pos);
    }
}
