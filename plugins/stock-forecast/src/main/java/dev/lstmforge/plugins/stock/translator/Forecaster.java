package dev.lstmforge.plugins.stock.translator;

import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;

/**
 * One-step and iterative multi-step forecasts in price units.
 *
 * <p>Iterative forecasting feeds each predicted Close back as the next day's Close and predicts
 * again; other raw features (volume, indicators) repeat the last known row, as
 * {@link FeatureMatrix#withAppendedRow(double)} documents. A forecast at or below zero (an
 * untrained model can produce one) is returned as it is but fed back as
 * {@value #FLOOR_SHARE} of the last known close, since a price cannot be negative.
 */
public final class Forecaster {

    /** Share of the last known close fed back in place of a non-positive forecast. */
    static final double FLOOR_SHARE = 0.001;

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
        return iterateFromEach(m, lastRow, lastRow + 1, horizon)[0];
    }

    /**
     * Forecasts {@code horizon} days from each origin in {@code [firstOrigin, endOrigin)}, feeding
     * each prediction back; step {@code k} of every origin runs in one batched call.
     *
     * @param m the feature matrix; for each origin, rows after it are ignored
     * @param firstOrigin the first origin (last known day)
     * @param endOrigin end of the origins, exclusive
     * @param horizon number of days to forecast from each origin, at least 1
     * @return {@code out[i][k]}: the forecast for day {@code firstOrigin + i + k + 1}
     */
    public double[][] iterateFromEach(FeatureMatrix m, int firstOrigin, int endOrigin, int horizon) {
        int n = endOrigin - firstOrigin;
        FeatureMatrix[] known = new FeatureMatrix[n];
        for (int i = 0; i < n; i++) {
            known[i] = m.tail(firstOrigin + i, encoder.windowSize());
        }
        return iterateFromEach(known, horizon);
    }

    /**
     * Forecasts {@code horizon} days from the last row of each matrix, feeding each prediction
     * back; step {@code k} of every matrix runs in one batched call. Each matrix is extended, never
     * changed: pass ones made for this (for example by {@link FeatureMatrix#tail}), so appending is
     * cheap.
     *
     * @param known one matrix per origin, each ending at its origin with at least one window
     * @param horizon number of days to forecast from each origin, at least 1
     * @return {@code out[i][k]}: the forecast for day {@code k + 1} after the end of {@code known[i]}
     */
    public double[][] iterateFromEach(FeatureMatrix[] known, int horizon) {
        int n = known.length;
        int size = encoder.inputSize();
        known = known.clone();
        double[] floor = new double[n];
        for (int i = 0; i < n; i++) {
            floor[i] = FLOOR_SHARE * known[i].value(known[i].rows() - 1, 0);
        }
        double[][] out = new double[n][horizon];
        float[] x = new float[n * size];
        for (int h = 0; h < horizon; h++) {
            for (int i = 0; i < n; i++) {
                encoder.encodeWindow(known[i], known[i].rows() - 1, x, i * size);
            }
            float[] y = predictor.predict(x, n);
            for (int i = 0; i < n; i++) {
                out[i][h] = encoder.decode(known[i], known[i].rows() - 1, y[i]);
                known[i] = known[i].withAppendedRow(Math.max(out[i][h], floor[i]));
            }
        }
        return out;
    }
}
