package dev.lstmforge.plugins.text.dataset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;

/**
 * Cuts a token stream into non-overlapping windows for next-token prediction: sample {@code i}
 * reads tokens {@code [i*w, i*w + w)} and is labelled with tokens {@code [i*w + 1, i*w + w + 1)}.
 * Ids are stored as int32 (4 bytes per token for data and labels alike).
 */
public final class TokenWindows {

    private TokenWindows() {}

    /**
     * Returns how many full windows a stream holds.
     *
     * @param tokens the stream length
     * @param window tokens per window
     * @return the number of windows
     */
    public static int count(int tokens, int window) {
        return tokens <= window ? 0 : (tokens - 1) / window;
    }

    /**
     * Builds the dataset.
     *
     * @param manager where the arrays live (the run's engine and device)
     * @param ids the token stream
     * @param window tokens per window
     * @param batchSize batch size
     * @param shuffle shuffle windows each epoch (training only)
     * @return the dataset of {@code (windows, window)} inputs and labels
     */
    public static ArrayDataset build(NDManager manager, int[] ids, int window, int batchSize, boolean shuffle) {
        int n = count(ids.length, window);
        int[] x = new int[n * window];
        int[] y = new int[n * window];
        System.arraycopy(ids, 0, x, 0, n * window);
        System.arraycopy(ids, 1, y, 0, n * window);
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, window)))
                .optLabels(manager.create(y, new Shape(n, window)))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
