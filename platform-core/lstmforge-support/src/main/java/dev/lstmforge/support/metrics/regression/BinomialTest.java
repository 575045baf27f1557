package dev.lstmforge.support.metrics.regression;

/**
 * The exact one-sided binomial test: is a classifier's accuracy higher than a baseline's rate
 * (chance, or always answering the majority class) by more than luck explains? With {@code k}
 * correct answers out of {@code n}, the p-value is {@code P(X >= k)} for
 * {@code X ~ Binomial(n, p)}, computed as the regularized incomplete beta function
 * {@code I_p(k, n - k + 1)}. It lives next to the other significance tests of the support layer.
 *
 * <pre>{@code
 * BinomialTest.upperTail(8, 10, 0.5);      // 0.0546875 = 56/1024
 * BinomialTest.upperTail(280, 300, 0.1);   // far below 1e-100: accuracy 93% beats a 10% baseline
 * }</pre>
 */
public final class BinomialTest {

    private BinomialTest() {}

    /**
     * Returns {@code P(X >= k)} for {@code X ~ Binomial(n, p)}.
     *
     * @param k successes seen, {@code 0 <= k <= n}
     * @param n trials, at least 1
     * @param p the success probability under the null hypothesis, in [0, 1]
     * @return the one-sided p-value
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double upperTail(long k, long n, double p) {
        if (n < 1 || k < 0 || k > n || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(
                    "binomial test needs 0 <= k <= n, n >= 1, p in [0, 1]; got k=" + k + ", n=" + n + ", p=" + p);
        }
        if (k == 0) {
            return 1;
        }
        return Beta.regularized(p, k, n - k + 1.0);
    }
}
