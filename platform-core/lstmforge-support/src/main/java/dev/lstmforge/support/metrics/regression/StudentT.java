package dev.lstmforge.support.metrics.regression;

/**
 * Student's t distribution: cumulative probability and two-sided p-values, computed from the
 * regularized incomplete beta function (no statistics library needed).
 *
 * <p>For {@code df} degrees of freedom, {@code P(|T| >= |t|) = I_x(df/2, 1/2)} with
 * {@code x = df / (df + t^2)}.
 *
 * <pre>{@code
 * double p = StudentT.twoSidedP(2.0, 10);   // 0.07339
 * double c = StudentT.cdf(-1.0, 1);          // 0.25 (df = 1 is the Cauchy distribution)
 * }</pre>
 */
public final class StudentT {

    private StudentT() {}

    /**
     * Returns {@code P(T <= t)}.
     *
     * @param t the value
     * @param df degrees of freedom, positive
     * @return the probability, or NaN for NaN input or non-positive {@code df}
     */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * Returns the two-sided p-value {@code P(|T| >= |t|)}.
     *
     * @param t the test statistic
     * @param df degrees of freedom, positive
     * @return the p-value in [0, 1], or NaN for NaN input or non-positive {@code df}
     */
    public static double twoSidedP(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double x = df / (df + t * t);
        return Beta.regularized(x, df / 2, 0.5);
    }
}
