package dev.lstmforge.plugins.sensor.data;

/**
 * Stable argsorts of primitive arrays without boxing: a bottom-up merge sort of row indices,
 * O(n log n), used for time order (loading) and score order (ranking metrics).
 */
public final class IndexSort {

    /** Compares two indices of the array being sorted. */
    @FunctionalInterface
    private interface Before {
        boolean test(int a, int b);
    }

    private IndexSort() {}

    /**
     * Returns the indices of {@code keys[0..n)} in ascending key order; equal keys keep index
     * order.
     *
     * @param keys the keys
     * @param n how many keys to sort
     * @return the permutation
     */
    public static int[] ascending(long[] keys, int n) {
        return sort(n, (a, b) -> keys[a] < keys[b]);
    }

    /**
     * Returns the indices of {@code scores} in descending order; equal scores keep index order.
     *
     * @param scores the scores
     * @return the permutation
     */
    public static int[] descending(double[] scores) {
        return sort(scores.length, (a, b) -> scores[a] > scores[b]);
    }

    private static int[] sort(int n, Before before) {
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
                    // Take from the right run only when strictly before: that keeps the sort stable.
                    b[k++] = before.test(a[j], a[i]) ? a[j++] : a[i++];
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
}
