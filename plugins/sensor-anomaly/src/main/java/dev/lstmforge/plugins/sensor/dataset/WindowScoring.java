package dev.lstmforge.plugins.sensor.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.lstmforge.support.data.Windows;

/**
 * Scores every stride-1 window of a scaled series with a network and turns window scores into
 * point scores.
 *
 * <ul>
 *   <li>Autoencoder: a window's score is the mean squared reconstruction error over its steps
 *       and channels; a point's score is the mean of the scores of the windows that cover it.
 *   <li>Classifier: a window's score is the predicted anomaly probability of its last point;
 *       the first {@code window - 1} points, which end no window, score 0.
 * </ul>
 */
public final class WindowScoring {

    private static final int BATCH = 512;

    private WindowScoring() {}

    /**
     * Scores all windows.
     *
     * @param block the trained network
     * @param manager where temporary arrays live
     * @param scaled the scaled series, {@code [row][channel]}
     * @param window rows per window
     * @param autoencoder whether the block reconstructs (else it classifies)
     * @return one score per window start, {@code rows - window + 1} values
     */
    public static double[] windowScores(
            Block block, NDManager manager, double[][] scaled, int window, boolean autoencoder) {
        int channels = scaled[0].length;
        int n = Windows.count(scaled.length, window, 1);
        double[] out = new double[n];
        int size = window * channels;
        float[] buf = new float[BATCH * size];
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            for (int i = 0; i < count; i++) {
                Windows.fill(scaled, start + i, window, buf, i * size);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(
                        count == BATCH ? buf : java.util.Arrays.copyOf(buf, count * size),
                        new Shape(count, window, channels));
                NDArray y = block.forward(new ParameterStore(scope, false), new NDList(x), false)
                        .head();
                NDArray score = autoencoder
                        ? y.sub(x).square().reshape(count, -1).mean(new int[] {1})
                        : Activation.sigmoid(y.reshape(count));
                float[] s = score.toFloatArray();
                for (int i = 0; i < count; i++) {
                    out[start + i] = s[i];
                }
            }
        }
        return out;
    }

    /**
     * Turns window scores into point scores.
     *
     * @param windowScores one score per stride-1 window
     * @param rows rows of the series
     * @param window rows per window
     * @param autoencoder mean over covering windows (true) or the window ending at the point
     * @return one score per row
     */
    public static double[] pointScores(double[] windowScores, int rows, int window, boolean autoencoder) {
        double[] points = new double[rows];
        if (!autoencoder) {
            for (int s = 0; s < windowScores.length; s++) {
                points[s + window - 1] = windowScores[s];
            }
            return points;
        }
        // Prefix sums make the mean over covering windows O(rows).
        double[] prefix = new double[windowScores.length + 1];
        for (int s = 0; s < windowScores.length; s++) {
            prefix[s + 1] = prefix[s] + windowScores[s];
        }
        for (int r = 0; r < rows; r++) {
            int first = Math.max(0, r - window + 1);
            int last = Math.min(windowScores.length - 1, r);
            points[r] = last >= first ? (prefix[last + 1] - prefix[first]) / (last - first + 1) : 0;
        }
        return points;
    }
}
