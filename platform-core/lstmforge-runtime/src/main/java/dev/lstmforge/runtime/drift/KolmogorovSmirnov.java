package dev.lstmforge.runtime.drift;

/**
 * The two-sample Kolmogorov-Smirnov test, two-sided: do two samples come from the same continuous
 * distribution?
 *
 * <p><b>Statistic.</b> {@code D = sup_x |F1(x) - F2(x)|} over the empirical distribution functions
 * of the samples (sizes {@code n} and {@code m}). It is evaluated exactly after every distinct value
 * of the merged, sorted samples, once all copies of a tied value have been counted on both sides;
 * internally {@code D * n * m} is the integer {@code max |i * m - j * n|}, so there is no rounding
 * in the statistic beyond the final division.
 *
 * <p><b>p-value.</b> {@code P(D' >= D)} for two samples of the same continuous distribution.
 *
 * <ul>
 *   <li>{@link Method#EXACT} (used when {@code n * m <= }{@value #EXACT_LIMIT}): under the null
 *       hypothesis every order of the {@code n + m} values is equally likely, that is, a random
 *       monotone lattice path from {@code (0, 0)} to {@code (n, m)}. The p-value is the probability
 *       that the path touches a point with {@code |i * m - j * n| >= D * n * m}. It is computed as a
 *       sum of probabilities of first contact, which a dynamic programme over the lattice gives in
 *       {@code O(n * m)} time and {@code O(m)} memory; all terms are positive, so small p-values
 *       keep their relative precision (there is no {@code 1 - (1 - p)} cancellation).
 *   <li>{@link Method#ASYMPTOTIC} (larger samples): the Kolmogorov limit distribution
 *       {@code Q(t) = 2 * sum_k (-1)^(k-1) * exp(-2 k^2 t^2)} at
 *       {@code t = (sqrt(e) + 0.12 + 0.11 / sqrt(e)) * D} with the effective size
 *       {@code e = n * m / (n + m)}; the additive terms are Stephens' (1970) small-sample
 *       correction. Against SciPy's {@code ks_2samp(method='asymp')}, which uses the finite-size
 *       one-sample distribution at {@code round(e)}, it agrees within a few percent of the
 *       p-value for {@code e >= 200} and p-values down to 1e-5.
 * </ul>
 *
 * <p>Like SciPy's, the p-value assumes continuous data: with ties it is conservative (too large).
 * Samples must be non-empty and finite; NaN or infinite values are rejected with an {@link
 * IllegalArgumentException}.
 *
 * <pre>{@code
 * KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(referenceSample, liveValues);
 * if (r.pValue() < 0.05) {
 *     System.out.printf("drift: D = %.3f, p = %.2g (%s)%n", r.statistic(), r.pValue(), r.method());
 * }
 * }</pre>
 */
public final class KolmogorovSmirnov {

    /** The largest {@code n * m} for which {@link #test(double[], double[])} uses the exact p-value. */
    public static final long EXACT_LIMIT = 10_000_000L;

    /**
     * How the p-value was computed.
     *
     * <pre>{@code
     * KolmogorovSmirnov.test(a, b, KolmogorovSmirnov.Method.ASYMPTOTIC);
     * }</pre>
     */
    public enum Method {
        /** The exact null distribution (lattice path count). */
        EXACT,
        /** The Kolmogorov limit distribution with Stephens' correction. */
        ASYMPTOTIC
    }

    /**
     * The outcome of a test.
     *
     * <pre>{@code
     * Result r = KolmogorovSmirnov.test(a, b);
     * double d = r.statistic(), p = r.pValue();
     * }</pre>
     *
     * @param statistic {@code D}, in {@code [0, 1]}
     * @param pValue the two-sided p-value, in {@code [0, 1]}
     * @param n the size of the first sample
     * @param m the size of the second sample
     * @param method how the p-value was computed
     */
    public record Result(double statistic, double pValue, int n, int m, Method method) {}

    private KolmogorovSmirnov() {}

    /**
     * Runs the test, with the exact p-value when {@code n * m <= }{@value #EXACT_LIMIT} and the
     * asymptotic one otherwise.
     *
     * @param a the first sample, non-empty and finite
     * @param b the second sample, non-empty and finite
     * @return the statistic and the p-value
     * @throws IllegalArgumentException when a sample is empty or holds a non-finite value
     */
    public static Result test(double[] a, double[] b) {
        return test(a, b, (long) a.length * b.length <= EXACT_LIMIT ? Method.EXACT : Method.ASYMPTOTIC);
    }

    /**
     * Runs the test with the given way of computing the p-value. The exact method takes
     * {@code O(n * m)} time, whatever the sizes.
     *
     * @param a the first sample, non-empty and finite
     * @param b the second sample, non-empty and finite
     * @param method how to compute the p-value
     * @return the statistic and the p-value
     * @throws IllegalArgumentException when a sample is empty or holds a non-finite value
     */
    public static Result test(double[] a, double[] b, Method method) {
        Samples.requireFinite(a, "first sample");
        Samples.requireFinite(b, "second sample");
        int n = a.length;
        int m = b.length;
        long scaled = scaledStatistic(Samples.sortedCopy(a), Samples.sortedCopy(b));
        double d = (double) scaled / ((double) n * m);
        double p = method == Method.EXACT ? exactPValue(n, m, scaled) : asymptoticPValue(n, m, d);
        return new Result(d, p, n, m, method);
    }

    /**
     * Returns the statistic {@code D} alone.
     *
     * @param a the first sample, non-empty and finite
     * @param b the second sample, non-empty and finite
     * @return {@code D}, in {@code [0, 1]}
     * @throws IllegalArgumentException when a sample is empty or holds a non-finite value
     */
    public static double statistic(double[] a, double[] b) {
        Samples.requireFinite(a, "first sample");
        Samples.requireFinite(b, "second sample");
        long scaled = scaledStatistic(Samples.sortedCopy(a), Samples.sortedCopy(b));
        return (double) scaled / ((double) a.length * b.length);
    }

    /**
     * Returns {@code D * n * m} for sorted samples: the largest {@code |i * m - j * n|} where
     * {@code i} and {@code j} count the values of each sample up to and including a value.
     */
    static long scaledStatistic(double[] a, double[] b) {
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        long best = 0;
        while (i < n && j < m) {
            double v = Math.min(a[i], b[j]);
            while (i < n && a[i] == v) {
                i++;
            }
            while (j < m && b[j] == v) {
                j++;
            }
            best = Math.max(best, Math.abs((long) i * m - (long) j * n));
        }
        // Once one sample is used up the difference only shrinks towards 0.
        return best;
    }

    /**
     * Returns the exact two-sided p-value {@code P(D' * n * m >= scaled)}.
     *
     * @param n the first sample size, at least 1
     * @param m the second sample size, at least 1
     * @param scaled {@code D * n * m}, an integer
     * @return the p-value
     */
    static double exactPValue(int n, int m, long scaled) {
        if (scaled <= 0) {
            return 1.0;
        }
        // mass[j] is the probability that the random path reaches (i, j) without having touched
        // the outside region |i*m - j*n| >= scaled before; mass arriving outside is absorbed.
        double[] mass = new double[m + 1];
        double absorbed = 0.0;
        mass[0] = 1.0;
        for (int j = 1; j <= m; j++) { // row i = 0: only steps in the second sample
            double in = mass[j - 1] * (double) (m - j + 1) / (double) (n + m - j + 1);
            if ((long) j * n >= scaled) {
                absorbed += in;
                in = 0.0;
            }
            mass[j] = in;
        }
        for (int i = 1; i <= n; i++) {
            long im = (long) i * m;
            double left = 0.0; // mass[j - 1] of row i
            for (int j = 0; j <= m; j++) {
                // From (i-1, j) by a step in the first sample, from (i, j-1) by a step in the second.
                double fromBelow = mass[j] * (double) (n - i + 1) / (double) (n + m - i - j + 1);
                double fromLeft = j == 0 ? 0.0 : left * (double) (m - j + 1) / (double) (n + m - i - j + 1);
                double in = fromBelow + fromLeft;
                if (Math.abs(im - (long) j * n) >= scaled) {
                    absorbed += in;
                    in = 0.0;
                } else if (in < Double.MIN_NORMAL) {
                    in = 0.0; // avoid slow subnormal arithmetic; the lost mass is below 1e-300
                }
                mass[j] = in;
                left = in;
            }
        }
        return Math.min(1.0, Math.max(0.0, absorbed));
    }

    /**
     * Returns the asymptotic two-sided p-value for a statistic {@code d} of samples of sizes
     * {@code n} and {@code m}, with Stephens' correction (see the class comment).
     *
     * @param n the first sample size, at least 1
     * @param m the second sample size, at least 1
     * @param d the statistic, in {@code [0, 1]}
     * @return the p-value
     * @throws IllegalArgumentException when a size is below 1 or {@code d} is outside {@code [0, 1]}
     */
    public static double asymptoticPValue(int n, int m, double d) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("sample sizes must be at least 1, got " + n + " and " + m);
        }
        if (!(d >= 0.0 && d <= 1.0)) {
            throw new IllegalArgumentException("D must lie in [0, 1], got " + d);
        }
        double e = (double) n * m / ((double) n + m);
        double root = Math.sqrt(e);
        return kolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
    }

    /**
     * Returns the survival function of the Kolmogorov distribution,
     * {@code Q(t) = P(K > t) = 2 * sum_{k>=1} (-1)^(k-1) * exp(-2 k^2 t^2)}; for {@code t < 1}
     * the equivalent theta-function series {@code 1 - sqrt(2 pi) / t * sum_{k>=1}
     * exp(-(2k-1)^2 pi^2 / (8 t^2))} is used, which converges fast there.
     *
     * @param t the argument
     * @return {@code Q(t)}, 1 for {@code t <= 0}
     */
    public static double kolmogorovSurvival(double t) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t is NaN");
        }
        if (t <= 0.0) {
            return 1.0;
        }
        if (t < 1.0) {
            double c = -Math.PI * Math.PI / (8.0 * t * t);
            double sum = 0.0;
            for (int k = 1; k < 100; k++) {
                double odd = 2.0 * k - 1.0;
                double term = Math.exp(c * odd * odd);
                sum += term;
                if (term <= 1e-17 * sum) {
                    break;
                }
            }
            return Math.min(1.0, Math.max(0.0, 1.0 - Math.sqrt(2.0 * Math.PI) / t * sum));
        }
        double sum = 0.0;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * t * t);
            sum += (k % 2 == 1) ? term : -term;
            if (term <= 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return Math.min(1.0, Math.max(0.0, 2.0 * sum));
    }
}
