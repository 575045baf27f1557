package dev.lstmforge.support.data;

/**
 * Stable argsorts of primitive arrays without boxing: a bottom-up merge sort of indices,
 * O(n log n) time and O(n) extra memory. Used for time order when loading series and for score
 * order in ranking metrics.
 *
 * <pre>{@code
 * int[] byTime = IndexSort.ascending(new long[] {30, 10, 20}, 3);   // {1, 2, 0}
 * int[] byScore = IndexSort.descending(new double[] {0.2, 0.9, 0.2}); // {1, 0, 2}
 * }</pre>
 */
public final class IndexSort {

    /** Says whether the element at index {@code a} goes strictly before the one at {@code b}. */
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
     * @param n how many keys to sort, from the start
     * @return the permutation
     */
    public static int[] ascending(long[] keys, int n) {
        return sort(n, (a, b) -> keys[a] < keys[b]);
    }

    /**
     * Returns the indices of {@code scores} in descending order; equal scores keep index order.
     *
     * @param scores the scores, no NaN
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
