package dev.lstmforge.plugins.stock;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;

/** Prepared stock data: the datasets plus the matrix, encoder and test rows evaluation needs. */
public final class StockData extends PreparedData<StockState> {

    private final FeatureMatrix matrix;
    private final WindowEncoder encoder;
    private final int firstTest;
    private final int endTest;
    private final String split;

    StockData(
            Dataset train,
            Dataset validation,
            StockState state,
            DataFingerprint fingerprint,
            FeatureMatrix matrix,
            WindowEncoder encoder,
            int firstTest,
            int endTest,
            String split) {
        super(
                train,
                validation,
                new Shape[] {new Shape(1, encoder.windowSize(), encoder.featureCount())},
                state,
                fingerprint);
        this.matrix = matrix;
        this.encoder = encoder;
        this.firstTest = firstTest;
        this.endTest = endTest;
        this.split = split;
    }

    FeatureMatrix matrix() {
        return matrix;
    }

    WindowEncoder encoder() {
        return encoder;
    }

    int firstTest() {
        return firstTest;
    }

    int endTest() {
        return endTest;
    }

    /** The chronological split in words, for the report. */
    String split() {
        return split;
    }
}
