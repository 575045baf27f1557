package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.plugins.sensor.data.SensorDataException;

/** Package-private helpers: argsort of scores without boxing, and input checks. */
final class Order {

    private Order() {
    }

    /**
     * Indices of {@code scores} in descending score order; equal scores keep index order.
     * Bottom-up merge sort, O(n log n).
     */
    static int[] descending(double[] scores) {
        int n = scores.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = scores[a[j]] > scores[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
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
