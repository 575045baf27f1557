package dev.lstmforge.plugins.stock.translator;

import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;

/**
 * One-step and iterative multi-step forecasts in price units.
 *
 * <p>Iterative forecasting feeds each predicted Close back as the next day's Close and predicts
 * again; other raw features (volume, indicators) repeat the last known row, as
 * {@link FeatureMatrix#withAppendedRow(double)} documents.
 */
public final class Forecaster {

    private final WindowEncoder encoder;
    private final WindowPredictor predictor;

    /**
     * Creates a forecaster.
     *
     * @param encoder the fitted encoder
     * @param predictor the network
     */
    public Forecaster(WindowEncoder encoder, WindowPredictor predictor) {
        this.encoder = encoder;
        this.predictor = predictor;
    }

    /**
     * Forecasts the next-day Close for every target row in {@code [firstTarget, endTarget)}, each
     * from the real window that ends the day before (one batched call).
     *
     * @param m the feature matrix
     * @param firstTarget first target row
     * @param endTarget end target row, exclusive
     * @return predicted prices, one per target row
     */
    public double[] oneStep(FeatureMatrix m, int firstTarget, int endTarget) {
        int n = endTarget - firstTarget;
        int size = encoder.inputSize();
        float[] x = new float[n * size];
        for (int i = 0; i < n; i++) {
            encoder.encodeWindow(m, firstTarget + i - 1, x, i * size);
        }
        float[] y = predictor.predict(x, n);
        double[] prices = new double[n];
        for (int i = 0; i < n; i++) {
            prices[i] = encoder.decode(m, firstTarget + i - 1, y[i]);
        }
        return prices;
    }

    /**
     * Forecasts {@code horizon} days after {@code lastRow}, feeding each prediction back.
     *
     * @param m the feature matrix; rows after {@code lastRow} are ignored
     * @param lastRow the last known day
     * @param horizon number of days to forecast, at least 1
     * @return predicted prices for days {@code lastRow + 1 .. lastRow + horizon}
     */
    public double[] iterate(FeatureMatrix m, int lastRow, int horizon) {
        FeatureMatrix known = m.rows() == lastRow + 1 ? m : truncate(m, lastRow);
        float[] x = new float[encoder.inputSize()];
        double[] out = new double[horizon];
        int row = lastRow;
        for (int h = 0; h < horizon; h++) {
            encoder.encodeWindow(known, row, x, 0);
            float y = predictor.predict(x, 1)[0];
            out[h] = encoder.decode(known, row, y);
            known = known.withAppendedRow(out[h]);
            row++;
        }
        return out;
    }

    private static FeatureMatrix truncate(FeatureMatrix m, int lastRow) {
        double[][] head = java.util.Arrays.copyOf(m.values(), lastRow + 1);
        java.util.List<java.time.LocalDate> dates = new java.util.ArrayList<>(lastRow + 1);
        for (int r = 0; r <= lastRow; r++) {
            dates.add(m.date(r));
        }
        return FeatureMatrix.of(m.source(), m.features(), dates, head);
    }
}
