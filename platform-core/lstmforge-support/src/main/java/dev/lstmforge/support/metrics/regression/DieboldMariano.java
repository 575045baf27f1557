package dev.lstmforge.support.metrics.regression;

import dev.lstmforge.support.DataException;

/**
 * The Diebold-Mariano test of equal predictive accuracy (Diebold and Mariano, 1995) with the
 * small-sample correction of Harvey, Leybourne and Newbold (1997).
 *
 * <p>For two forecasts of the same {@code n} targets with losses {@code a[t]} (the model) and
 * {@code b[t]} (a baseline), the loss differential is {@code d[t] = a[t] - b[t]}. With
 * {@code γ(k) = (1/n) Σ_{t>=k} (d[t] - d̄)(d[t-k] - d̄)} and forecasts {@code h} steps ahead
 * (whose errors are correlated up to lag {@code h - 1}):
 *
 * <ul>
 *   <li>long-run variance {@code V = γ(0) + 2 Σ_{k=1}^{h-1} γ(k)} (the rectangular window of
 *       the original paper); when that is not positive, the Bartlett (Newey-West) weights
 *       {@code 1 - k/h}, which cannot give a negative value, are used instead;
 *   <li>{@code DM = d̄ / sqrt(V / n)};
 *   <li>{@code DM* = DM · sqrt((n + 1 - 2h + h(h - 1)/n) / n)}, compared with Student's t with
 *       {@code n - 1} degrees of freedom for a two-sided p-value.
 * </ul>
 *
 * <p>A negative statistic means the model's loss is lower. Any loss works: squared errors for
 * accuracy, {@code 0/1} misses for direction.
 *
 * <pre>{@code
 * DieboldMariano.Result r = DieboldMariano.squaredErrors(actual, model, persistence, 1);
 * boolean beats = r.pValue() < 0.05 && r.meanDifferential() < 0;
 * }</pre>
 */
public final class DieboldMariano {

    private DieboldMariano() {}

    /**
     * The outcome of a test.
     *
     * @param statistic the corrected statistic {@code DM*}; negative when the model's loss is lower
     * @param pValue the two-sided p-value from Student's t with {@code n - 1} degrees of freedom
     * @param n the number of paired losses
     * @param horizon the forecast horizon {@code h}
     * @param meanDifferential {@code d̄}, the model's mean loss minus the baseline's
     */
    public record Result(double statistic, double pValue, int n, int horizon, double meanDifferential) {

        /**
         * Tells whether the model's loss is significantly lower than the baseline's.
         *
         * @param alpha the significance level, for example 0.05
         * @return true when {@code pValue < alpha} and the mean differential is negative
         */
        public boolean modelBetter(double alpha) {
            return pValue < alpha && meanDifferential < 0;
        }

        /**
         * Tells whether the model's loss is significantly higher than the baseline's.
         *
         * @param alpha the significance level
         * @return true when {@code pValue < alpha} and the mean differential is positive
         */
        public boolean modelWorse(double alpha) {
            return pValue < alpha && meanDifferential > 0;
        }
    }

    /**
     * Tests two forecasts' squared errors against the same actual values.
     *
     * @param actual the realised values
     * @param model the model's forecasts
     * @param baseline the baseline's forecasts
     * @param horizon the forecast horizon, at least 1
     * @return the result
     * @throws DataException if the arrays differ in length or hold non-finite values
     */
    public static Result squaredErrors(double[] actual, double[] model, double[] baseline, int horizon) {
        return test(
                RegressionMetrics.squaredErrors(actual, model),
                RegressionMetrics.squaredErrors(actual, baseline),
                horizon);
    }

    /**
     * Tests two series of paired losses.
     *
     * @param modelLoss the model's loss per target
     * @param baselineLoss the baseline's loss per target
     * @param horizon the forecast horizon {@code h}, at least 1
     * @return the result; statistic and p-value are NaN when {@code n < 2} or {@code h} is too
     *     large for {@code n}. When every differential is equal the variance is 0: the statistic is
     *     0 with p-value 1 if they are all 0, else infinite with p-value 0
     * @throws DataException if the lengths differ or a loss is not finite
     */
    public static Result test(double[] modelLoss, double[] baselineLoss, int horizon) {
        int n = modelLoss.length;
        RegressionMetrics.checkPair("model loss", modelLoss, "baseline loss", baselineLoss);
        if (horizon < 1) {
            throw new DataException("Diebold-Mariano test: the horizon must be at least 1, got " + horizon);
        }
        double[] d = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            d[t] = modelLoss[t] - baselineLoss[t];
            mean += d[t];
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double correction = (n + 1 - 2.0 * horizon + horizon * (horizon - 1.0) / n) / n;
        if (n < 2 || !(correction > 0)) {
            return new Result(Double.NaN, Double.NaN, n, horizon, mean);
        }
        double[] gamma = new double[horizon];
        for (int k = 0; k < horizon && k < n; k++) {
            double s = 0;
            for (int t = k; t < n; t++) {
                s += (d[t] - mean) * (d[t - k] - mean);
            }
            gamma[k] = s / n;
        }
        double variance = longRunVariance(gamma, false);
        if (!(variance > 0)) {
            variance = longRunVariance(gamma, true);
        }
        double statistic;
        if (variance > 0) {
            statistic = mean / Math.sqrt(variance / n) * Math.sqrt(correction);
        } else if (mean == 0) {
            statistic = 0;
        } else {
            statistic = Math.copySign(Double.POSITIVE_INFINITY, mean);
        }
        double p = StudentT.twoSidedP(statistic, n - 1);
        return new Result(statistic, p, n, horizon, mean);
    }

    private static double longRunVariance(double[] gamma, boolean bartlett) {
        int h = gamma.length;
        double v = gamma[0];
        for (int k = 1; k < h; k++) {
            double w = bartlett ? 1 - (double) k / h : 1;
            v += 2 * w * gamma[k];
        }
        return v;
    }
}
