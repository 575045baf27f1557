package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.plugins.sensor.data.IndexSort;
import dev.lstmforge.plugins.sensor.data.SensorDataException;

/** Package-private helpers: argsort of scores without boxing, and input checks. */
final class Order {

    private Order() {
    }

    /** Indices of {@code scores} in descending order; equal scores keep index order. */
    static int[] descending(double[] scores) {
        return IndexSort.descending(scores);
    }

    /** Rejects mismatched lengths and NaN scores. */
    static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new SensorDataException("scores and labels differ in length: " + scores.length
                    + " vs " + labels.length);
        }
        checkScores(scores);
    }

    /** Rejects NaN scores, naming the first. */
    static void checkScores(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new SensorDataException("score " + i + " is NaN; scores must be numbers "
                        + "(infinities are allowed)");
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
