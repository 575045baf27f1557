package dev.lstmforge.plugins.stock.translator;

/**
 * Runs the network on a batch of encoded windows. Implementations wrap a DJL predictor or a
 * block; {@link Forecaster} is written against this so evaluation and serving share it.
 */
@FunctionalInterface
public interface WindowPredictor {

    /**
     * Predicts one encoded value per window.
     *
     * @param windows {@code count * window * features} floats, time-major per window
     * @param count the number of windows
     * @return {@code count} encoded predictions
     */
    float[] predict(float[] windows, int count);
}
