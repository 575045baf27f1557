package dev.lstmforge.runtime.train;

/**
 * Receives progress from {@link TrainingRunner}; the CLI draws a progress bar with it.
 *
 * <pre>{@code
 * TrainingListener quiet = TrainingListener.NONE;
 * }</pre>
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * Called after each training batch.
     *
     * @param epoch 1-based epoch
     * @param maxEpochs the epoch limit
     * @param batch 1-based batch within the epoch
     * @param batches batches per epoch, or 0 if unknown
     * @param meanLoss mean training loss so far in this epoch
     */
    default void onBatch(int epoch, int maxEpochs, long batch, long batches, double meanLoss) {}

    /**
     * Called after each epoch's validation.
     *
     * @param record what the epoch measured
     * @param improved whether it is the best epoch so far
     */
    default void onEpoch(EpochRecord record, boolean improved) {}
}
