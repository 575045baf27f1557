package dev.lstmforge.support.data;

import dev.lstmforge.support.DataException;

/**
 * Sliding windows of {@code w} consecutive rows, started every {@code s} rows (the stride), over
 * already scaled rows {@code [row][column]}. Window {@code i} covers rows
 * {@code [i * s, i * s + w)}; a trailing part shorter than {@code w} is not used. Windows are
 * flattened step-major: all columns of step 0, then all columns of step 1, and so on, which is the
 * row-major layout of a {@code [w, columns]} matrix, the per-sample input of a batch-first LSTM.
 *
 * <pre>{@code
 * double[][] rows = {{0, 10}, {1, 11}, {2, 12}, {3, 13}};
 * Windows.count(4, 3, 1);                  // 2
 * float[] x = Windows.flat(rows, 3, 1);    // {0,10,1,11,2,12, 1,11,2,12,3,13}: shape (2, 3, 2)
 * boolean[] y = Windows.labelsLast(new boolean[] {false, false, true, false}, 3, 1); // {true, false}
 * }</pre>
 */
public final class Windows {

    private Windows() {}

    /**
     * Returns the number of full windows: {@code rows < w ? 0 : (rows - w) / s + 1}.
     *
     * @param rows number of rows, at least 0
     * @param w window length, at least 1
     * @param s stride, at least 1
     * @return the window count
     * @throws IllegalArgumentException if an argument is out of range (a programming error)
     */
    public static int count(int rows, int w, int s) {
        if (rows < 0 || w < 1 || s < 1) {
            throw new IllegalArgumentException("need rows >= 0, window >= 1 and stride >= 1; got rows " + rows
                    + ", window " + w + ", stride " + s);
        }
        return rows < w ? 0 : (rows - w) / s + 1;
    }

    /**
     * Copies rows {@code [start, start + w)} into {@code dst} from {@code off}, step-major, as
     * floats, without allocating.
     *
     * @param scaled the rows, [row][column], all of one width
     * @param start first row of the window
     * @param w window length
     * @param dst receives {@code w * columns} floats
     * @param off first index written in {@code dst}
     * @throws IndexOutOfBoundsException if the window or the destination range does not fit
     * @throws DataException if a row's width differs from the window's first row
     */
    public static void fill(double[][] scaled, int start, int w, float[] dst, int off) {
        if (start < 0 || w < 1 || start + w > scaled.length) {
            throw new IndexOutOfBoundsException(
                    "window [" + start + ", " + (start + w) + ") of " + scaled.length + " rows");
        }
        int cols = scaled[start].length;
        if (off < 0 || off + w * cols > dst.length) {
            throw new IndexOutOfBoundsException("window of " + w * cols + " floats at offset " + off
                    + " does not fit a destination of " + dst.length);
        }
        int p = off;
        for (int r = start; r < start + w; r++) {
            double[] row = scaled[r];
            if (row.length != cols) {
                throw new DataException(
                        "row " + r + " has " + row.length + " values; the window's first row has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                dst[p++] = (float) row[c];
            }
        }
    }

    /**
     * Returns all windows as separate flattened vectors (for example as SMOTE input).
     *
     * @param scaled the rows, [row][column]
     * @param w window length
     * @param s stride
     * @return {@code count(rows, w, s)} arrays of {@code w * columns} floats
     */
    public static float[][] all(double[][] scaled, int w, int s) {
        int n = count(scaled.length, w, s);
        if (n == 0) {
            return new float[0][];
        }
        int cols = scaled[0].length;
        float[][] out = new float[n][w * cols];
        for (int i = 0; i < n; i++) {
            fill(scaled, i * s, w, out[i], 0);
        }
        return out;
    }

    /**
     * Returns all windows concatenated into one array of {@code count * w * columns} floats, the
     * layout of a {@code [count, w, columns]} tensor.
     *
     * @param scaled the rows, [row][column]
     * @param w window length
     * @param s stride
     * @return the concatenated windows
     */
    public static float[] flat(double[][] scaled, int w, int s) {
        int n = count(scaled.length, w, s);
        if (n == 0) {
            return new float[0];
        }
        int size = w * scaled[0].length;
        float[] out = new float[n * size];
        for (int i = 0; i < n; i++) {
            fill(scaled, i * s, w, out, i * size);
        }
        return out;
    }

    /**
     * Labels windows: a window is positive when any of its rows is labelled. O(rows).
     *
     * @param labels point labels, one per row
     * @param w window length
     * @param s stride
     * @return one label per window
     */
    public static boolean[] labelsAny(boolean[] labels, int w, int s) {
        int n = count(labels.length, w, s);
        int[] prefix = new int[labels.length + 1];
        for (int i = 0; i < labels.length; i++) {
            prefix[i + 1] = prefix[i] + (labels[i] ? 1 : 0);
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix[i * s + w] - prefix[i * s] > 0;
        }
        return out;
    }

    /**
     * Labels windows by their last row (the row a detector run on the window reports on).
     *
     * @param labels point labels, one per row
     * @param w window length
     * @param s stride
     * @return one label per window
     */
    public static boolean[] labelsLast(boolean[] labels, int w, int s) {
        int n = count(labels.length, w, s);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = labels[i * s + w - 1];
        }
        return out;
    }
}
