package dev.lstmforge.plugins.stock;

import dev.lstmforge.plugins.stock.feature.WindowEncoder;

/**
 * What a trained stock model needs besides its parameters, saved as {@code state.json}: the
 * window encoder fitted on the training part, and the most recent rows of the training data so
 * that a request without data forecasts from where the data ended.
 */
public final class StockState {

    /** The fitted encoder (representation, features, window, scaling statistics). */
    public WindowEncoder.State encoder;

    /** The last rows of the data the model was trained on, as Yahoo-style CSV text. */
    public String recentCsv;

    /** Where the training data came from. */
    public String dataSource;
}
