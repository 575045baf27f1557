package dev.lstmforge.plugins.stock;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.stock.feature.DailyReturns;
import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;
import java.util.Map;

/** Prepared stock data: the datasets plus the matrix, encoder and test rows evaluation needs. */
public final class StockData extends PreparedData<StockState> {

    private final FeatureMatrix matrix;
    private final WindowEncoder encoder;
    private final int trainStart;
    private final int trainEnd;
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
            int trainStart,
            int trainEnd,
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
        this.trainStart = trainStart;
        this.trainEnd = trainEnd;
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

    /**
     * The training part's daily log returns (the rows its windows read, from the first
     * window's start to the last training target): the drift reference the server and
     * {@code lstmforge drift} compare live requests with (prices scaled to their window are what
     * the model sees, so returns, not price levels, tell whether new data still looks like it).
     */
    @Override
    public Map<String, double[]> driftReference() {
        double[] close = new double[trainEnd - trainStart];
        for (int i = trainStart; i < trainEnd; i++) {
            close[i - trainStart] = matrix.value(i, Feature.CLOSE);
        }
        return Map.of(DailyReturns.FEATURE, DailyReturns.log(close));
    }

    /** The chronological split in words, for the report. */
    String split() {
        return split;
    }
}
