package dev.lstmforge.runtime.train;

import java.util.List;

/**
 * The epochs of one training run and why it stopped.
 *
 * @param epochs every completed epoch, in order
 * @param bestEpoch the 1-based epoch whose parameters were kept (lowest validation loss)
 * @param stopReason why training ended, e.g. {@code "early stopping: 5 epochs without
 *     improvement"}
 */
public record TrainingHistory(List<EpochRecord> epochs, int bestEpoch, String stopReason) {

    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * Returns the record of the kept epoch.
     *
     * @return the best epoch's record
     */
    public EpochRecord best() {
        return epochs.get(bestEpoch - 1);
    }
}
