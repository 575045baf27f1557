package dev.lstmforge.support.metrics;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.IndexSort;

/** What the ranking and threshold metrics share: score order, tie groups and input checks. */
final class Order {

    private Order() {}

    /** Indices of {@code scores} in descending order; equal scores keep index order. */
    static int[] descending(double[] scores) {
        return IndexSort.descending(scores);
    }

    /**
     * Returns where the run of equal scores that starts at position {@code from} of a descending
     * order ends (exclusive): ranking metrics treat tied scores as one group.
     */
    static int tieEnd(double[] scores, int[] idx, int from) {
        double s = scores[idx[from]];
        int j = from;
        while (j < idx.length && scores[idx[j]] == s) {
            j++;
        }
        return j;
    }

    /** Counts the positives at positions {@code [from, to)} of an order. */
    static long positivesIn(boolean[] labels, int[] idx, int from, int to) {
        long n = 0;
        for (int k = from; k < to; k++) {
            if (labels[idx[k]]) {
                n++;
            }
        }
        return n;
    }

    /** Rejects mismatched lengths and NaN scores. */
    static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new DataException("scores and labels differ in length: " + scores.length + " vs " + labels.length);
        }
        checkScores(scores);
    }

    /** Rejects NaN scores, naming the first. */
    static void checkScores(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new DataException("score " + i + " is NaN; scores must be numbers (infinities are allowed)");
            }
        }
    }

    /** Number of true labels. */
    static int positives(boolean[] labels) {
        int p = 0;
        for (boolean b : labels) {
            if (b) {
                p++;
            }
        }
        return p;
    }
}
