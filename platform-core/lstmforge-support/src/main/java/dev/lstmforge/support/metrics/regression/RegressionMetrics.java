package dev.lstmforge.support.metrics.regression;

import dev.lstmforge.support.DataException;

/**
 * Error and direction metrics of numeric forecasts. Every method takes aligned arrays, one entry
 * per forecast, and checks that they have the same non-zero length and finite values.
 *
 * <ul>
 *   <li>{@link #rmse}, {@link #mae}, {@link #mse}: in the units of the data;
 *   <li>{@link #mape}: mean absolute percentage error in percent, {@code 100 · mean(|a - p| / |a|)};
 *   <li>{@link #directionalAccuracy}: share of forecasts whose move from a reference value (the
 *       last known one) has the sign of the actual move; "no move" is a third direction;
 *   <li>{@link #upShare}: share of actual moves that are up, which is the directional accuracy of
 *       a forecaster that always says "up": the baseline a direction claim must beat.
 * </ul>
 *
 * <pre>{@code
 * double[] actual = {11, 12, 11}, predicted = {10.5, 12.5, 12.5}, last = {10, 11, 12};
 * RegressionMetrics.rmse(actual, predicted);                      // sqrt(2.75 / 3)
 * RegressionMetrics.directionalAccuracy(actual, predicted, last); // 2 / 3
 * RegressionMetrics.upShare(actual, last);                        // 2 / 3
 * }</pre>
 */
public final class RegressionMetrics {

    private RegressionMetrics() {}

    /**
     * Returns the squared error of each forecast.
     *
     * @param actual realised values
     * @param predicted forecasts
     * @return {@code (actual[i] - predicted[i])^2}
     */
    public static double[] squaredErrors(double[] actual, double[] predicted) {
        checkPair("actual", actual, "predicted", predicted);
        double[] out = new double[actual.length];
        for (int i = 0; i < out.length; i++) {
            double e = actual[i] - predicted[i];
            out[i] = e * e;
        }
        return out;
    }

    /**
     * Returns the mean squared error.
     *
     * @param actual realised values
     * @param predicted forecasts
     * @return the MSE
     */
    public static double mse(double[] actual, double[] predicted) {
        return mean(squaredErrors(actual, predicted));
    }

    /**
     * Returns the root mean squared error.
     *
     * @param actual realised values
     * @param predicted forecasts
     * @return the RMSE
     */
    public static double rmse(double[] actual, double[] predicted) {
        return Math.sqrt(mse(actual, predicted));
    }

    /**
     * Returns the mean absolute error.
     *
     * @param actual realised values
     * @param predicted forecasts
     * @return the MAE
     */
    public static double mae(double[] actual, double[] predicted) {
        checkPair("actual", actual, "predicted", predicted);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs(actual[i] - predicted[i]);
        }
        return s / actual.length;
    }

    /**
     * Returns the mean absolute percentage error, in percent.
     *
     * @param actual realised values, none zero
     * @param predicted forecasts
     * @return the MAPE, for example 1.5 for 1.5%
     * @throws DataException if an actual value is 0
     */
    public static double mape(double[] actual, double[] predicted) {
        checkPair("actual", actual, "predicted", predicted);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == 0) {
                throw new DataException("actual[" + i + "] is 0: the percentage error is undefined there");
            }
            s += Math.abs(actual[i] - predicted[i]) / Math.abs(actual[i]);
        }
        return 100 * s / actual.length;
    }

    /**
     * Returns the share of forecasts that move in the actual direction from the reference:
     * {@code signum(predicted - reference) == signum(actual - reference)}. A day without a move
     * counts as right only for a "no move" forecast.
     *
     * @param actual realised values
     * @param predicted forecasts
     * @param reference the last known value of each forecast
     * @return the share in [0, 1]
     */
    public static double directionalAccuracy(double[] actual, double[] predicted, double[] reference) {
        boolean[] hits = directionHits(actual, predicted, reference);
        int right = 0;
        for (boolean h : hits) {
            if (h) {
                right++;
            }
        }
        return (double) right / hits.length;
    }

    /**
     * Returns, per forecast, whether its direction was right (see {@link #directionalAccuracy}).
     *
     * @param actual realised values
     * @param predicted forecasts
     * @param reference the last known value of each forecast
     * @return one flag per forecast
     */
    public static boolean[] directionHits(double[] actual, double[] predicted, double[] reference) {
        checkPair("actual", actual, "predicted", predicted);
        checkPair("actual", actual, "reference", reference);
        boolean[] out = new boolean[actual.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.signum(predicted[i] - reference[i]) == Math.signum(actual[i] - reference[i]);
        }
        return out;
    }

    /**
     * Returns the share of actual values above their reference: the directional accuracy of
     * always forecasting "up".
     *
     * @param actual realised values
     * @param reference the last known value of each forecast
     * @return the share in [0, 1]
     */
    public static double upShare(double[] actual, double[] reference) {
        checkPair("actual", actual, "reference", reference);
        int up = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] > reference[i]) {
                up++;
            }
        }
        return (double) up / actual.length;
    }

    /**
     * Returns the arithmetic mean.
     *
     * @param values the values, at least one
     * @return their mean
     */
    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Checks two aligned arrays: same non-zero length, finite values; messages name the array and index. */
    static void checkPair(String nameA, double[] a, String nameB, double[] b) {
        check(nameA, a);
        check(nameB, b);
        if (a.length != b.length) {
            throw new DataException("forecast arrays must be aligned: " + nameA + " has " + a.length + " values, "
                    + nameB + " " + b.length);
        }
    }

    private static void check(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new DataException(
                    name + " is " + (v == null ? "missing" : "empty") + "; metrics need at least one forecast");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new DataException(name + "[" + i + "] = " + v[i] + " is not a finite number");
            }
        }
    }
}
