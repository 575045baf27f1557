package dev.lstmforge.plugins.stock.dataset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;

/**
 * Builds DJL {@link ArrayDataset}s of encoded windows: data {@code (N, window, features)} and
 * labels {@code (N, 1)}, where sample {@code i} is the window ending the day before target row
 * {@code firstTarget + i}.
 */
public final class WindowDatasets {

    private WindowDatasets() {}

    /**
     * Encodes the windows whose targets are rows {@code [firstTarget, endTarget)} into one flat
     * array, time-major per sample.
     *
     * @param m the feature matrix
     * @param enc the fitted encoder
     * @param firstTarget first target row
     * @param endTarget end target row, exclusive
     * @return {@code count * window * features} floats
     */
    public static float[] encodeInputs(FeatureMatrix m, WindowEncoder enc, int firstTarget, int endTarget) {
        int n = endTarget - firstTarget;
        int size = enc.inputSize();
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) {
            enc.encodeWindow(m, firstTarget + i - 1, x, i * size);
        }
        return x;
    }

    /**
     * Builds a dataset.
     *
     * @param manager where the arrays live (the run's engine and device)
     * @param m the feature matrix
     * @param enc the fitted encoder
     * @param firstTarget first target row
     * @param endTarget end target row, exclusive
     * @param batchSize batch size
     * @param shuffle whether to shuffle samples each epoch (training only)
     * @return the dataset
     */
    public static ArrayDataset build(
            NDManager manager,
            FeatureMatrix m,
            WindowEncoder enc,
            int firstTarget,
            int endTarget,
            int batchSize,
            boolean shuffle) {
        int n = endTarget - firstTarget;
        float[] x = encodeInputs(m, enc, firstTarget, endTarget);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = enc.encodeTarget(m, firstTarget + i - 1);
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, enc.windowSize(), enc.featureCount())))
                .optLabels(manager.create(y, new Shape(n, 1)))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
