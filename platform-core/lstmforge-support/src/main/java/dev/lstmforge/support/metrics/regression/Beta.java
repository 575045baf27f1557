package dev.lstmforge.support.metrics.regression;

/**
 * The log-gamma function and the regularized incomplete beta function {@code I_x(a, b)}, the
 * building blocks of the t distribution.
 */
final class Beta {

    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 10_000;
    private static final double HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Beta() {}

    /**
     * Returns {@code ln Γ(x)} for {@code x > 0}: shifted up to at least 10 with
     * {@code Γ(x + 1) = x Γ(x)}, then Stirling's series to the {@code x^-9} term (error below 1e-14
     * there).
     *
     * @param x a positive number
     * @return the logarithm of the gamma function
     */
    static double lnGamma(double x) {
        double shift = 0;
        double z = x;
        while (z < 10) {
            shift += Math.log(z);
            z += 1;
        }
        double z2 = z * z;
        double series = 1 / (12 * z)
                - 1 / (360 * z * z2)
                + 1 / (1260 * z * z2 * z2)
                - 1 / (1680 * z * z2 * z2 * z2)
                + 1 / (1188 * z * z2 * z2 * z2 * z2);
        return (z - 0.5) * Math.log(z) - z + HALF_LN_TWO_PI + series - shift;
    }

    /**
     * Returns {@code I_x(a, b)}, the regularized incomplete beta function, by its continued
     * fraction (evaluated with the modified Lentz method) on whichever side of the mean converges
     * fast, using {@code I_x(a, b) = 1 - I_{1-x}(b, a)}.
     *
     * @param x in [0, 1]
     * @param a positive
     * @param b positive
     * @return the value in [0, 1]
     */
    static double regularized(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** The continued fraction {@code 1 / (1 + d1 / (1 + d2 / (1 + ...)))} of the incomplete beta. */
    private static double continuedFraction(double x, double a, double b) {
        double c = 1;
        double d = nonZero(1 - (a + b) * x / (a + 1));
        d = 1 / d;
        double result = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            // even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m))
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            result *= d * c;
            // odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double delta = d * c;
            result *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return result;
    }

    private static double nonZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }
}
