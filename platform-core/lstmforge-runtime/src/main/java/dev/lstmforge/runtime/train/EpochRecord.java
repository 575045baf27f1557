package dev.lstmforge.runtime.train;

import java.util.Map;

/**
 * What one training epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss per sample
 * @param validationLoss mean validation loss per sample
 * @param trainMetrics the recipe's evaluators on the training batches
 * @param validationMetrics the recipe's evaluators on the validation batches
 * @param seconds wall time of the epoch, training and validation together
 * @param samplesPerSecond training samples processed per second
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double validationLoss,
        Map<String, Double> trainMetrics,
        Map<String, Double> validationMetrics,
        double seconds,
        double samplesPerSecond) {

    /** Copies the maps. */
    public EpochRecord {
        trainMetrics = Map.copyOf(trainMetrics);
        validationMetrics = Map.copyOf(validationMetrics);
    }
}
