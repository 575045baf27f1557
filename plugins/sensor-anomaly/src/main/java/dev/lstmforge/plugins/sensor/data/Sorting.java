package dev.lstmforge.plugins.sensor.data;

/** Package-private primitive sorting helpers (no boxing). */
final class Sorting {

    private Sorting() {
    }

    /**
     * The stable ascending order of {@code keys[0..n)}: a permutation p with keys[p[0]] <=
     * keys[p[1]] ..., equal keys keeping their index order. Bottom-up merge sort, O(n log n).
     */
    static int[] stableOrder(long[] keys, int n) {
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
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] tmp = a;
            a = b;
            b = tmp;
        }
        return a;
    }
}
