package dev.lstmforge.plugins.video.decode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The small grey copy the difference strategy compares frames by: a picture of {@code sourceWidth x
 * sourceHeight} pixels averaged over a grid of at most {@code maxColumns x maxRows} cells, each
 * value in [0, 1]. It reads either a luma plane (one byte a pixel, as a YUV decoder delivers it) or
 * packed RGB (luma 0.30 R + 0.59 G + 0.11 B). Holds its own scratch: one per thread.
 */
final class GreyGrid {

    final int sourceWidth;
    final int sourceHeight;
    private final int columns;
    private final int[] column;
    private final int[] row;
    private final float[] weight;
    private final int[] sums;
    private byte[] line = new byte[0];

    /**
     * Makes the grid.
     *
     * @param sourceWidth the picture's width
     * @param sourceHeight the picture's height
     * @param maxColumns the most cells across (fewer when the picture is narrower)
     * @param maxRows the most cells down
     */
    GreyGrid(int sourceWidth, int sourceHeight, int maxColumns, int maxRows) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.columns = Math.min(maxColumns, sourceWidth);
        int rows = Math.min(maxRows, sourceHeight);
        column = new int[sourceWidth];
        row = new int[sourceHeight];
        for (int x = 0; x < sourceWidth; x++) {
            column[x] = (int) ((long) x * columns / sourceWidth);
        }
        for (int y = 0; y < sourceHeight; y++) {
            row[y] = (int) ((long) y * rows / sourceHeight);
        }
        int[] counts = new int[columns * rows];
        for (int y = 0; y < sourceHeight; y++) {
            for (int x = 0; x < sourceWidth; x++) {
                counts[row[y] * columns + column[x]]++;
            }
        }
        weight = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            weight[i] = 1f / (255f * counts[i]);
        }
        sums = new int[counts.length];
    }

    /**
     * The number of cells.
     *
     * @return columns times rows
     */
    int size() {
        return weight.length;
    }

    /**
     * Averages a luma plane.
     *
     * @param plane the plane, one byte a pixel from index 0
     * @param stride bytes from one row to the next
     * @param out the cells, {@link #size()} of them
     */
    void fromLuma(ByteBuffer plane, int stride, float[] out) {
        if (line.length < sourceWidth) {
            line = new byte[sourceWidth];
        }
        Arrays.fill(sums, 0);
        for (int y = 0; y < sourceHeight; y++) {
            plane.get(y * stride, line, 0, sourceWidth);
            int base = row[y] * columns;
            for (int x = 0; x < sourceWidth; x++) {
                sums[base + column[x]] += line[x] & 0xFF;
            }
        }
        finish(out);
    }

    /**
     * Averages packed RGB.
     *
     * @param pixels {@code sourceHeight * sourceWidth * 3} bytes, RGB, row-major
     * @param out the cells, {@link #size()} of them
     */
    void fromRgb(byte[] pixels, float[] out) {
        Arrays.fill(sums, 0);
        for (int y = 0, i = 0; y < sourceHeight; y++) {
            int base = row[y] * columns;
            for (int x = 0; x < sourceWidth; x++, i += 3) {
                sums[base + column[x]] +=
                        (77 * (pixels[i] & 0xFF) + 150 * (pixels[i + 1] & 0xFF) + 29 * (pixels[i + 2] & 0xFF)) >> 8;
            }
        }
        finish(out);
    }

    private void finish(float[] out) {
        for (int c = 0; c < out.length; c++) {
            out[c] = sums[c] * weight[c];
        }
    }

    /**
     * The mean absolute difference of two grey copies.
     *
     * @param a one copy
     * @param b another of the same size
     * @return the mean of {@code |a - b|}, in [0, 1]
     */
    static float meanAbsoluteDifference(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
