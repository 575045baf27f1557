package dev.lstmforge.support.metrics.regression;

/**
 * The exact McNemar test for two classifiers scored on the same test items: of the items exactly
 * one of them gets right, does the first get right more often than a fair coin would explain?
 * Items both get right or both get wrong say nothing about which is better and are ignored. With
 * {@code firstOnly} items right for the first classifier alone and {@code secondOnly} for the
 * second alone, the one-sided p-value is {@code P(X >= firstOnly)} for
 * {@code X ~ Binomial(firstOnly + secondOnly, 1/2)}. Being paired, it is far more sensitive than
 * comparing two accuracies as if they came from different test sets.
 *
 * <pre>{@code
 * McNemarTest.firstBetter(12, 3);   // 0.0176: 12 against 3 discordant items, the first is better
 * McNemarTest.firstBetter(3, 12);   // 0.9963: no evidence that the first is better
 * McNemarTest.firstBetter(0, 0);    // 1.0: the two never disagree on correctness
 * }</pre>
 */
public final class McNemarTest {

    private McNemarTest() {}

    /**
     * Returns the one-sided exact p-value that the first classifier is better.
     *
     * @param firstOnly items only the first classifier gets right, at least 0
     * @param secondOnly items only the second classifier gets right, at least 0
     * @return {@code P(X >= firstOnly)}, {@code X ~ Binomial(firstOnly + secondOnly, 1/2)}; 1 when
     *     there are no discordant items
     * @throws IllegalArgumentException if a count is negative
     */
    public static double firstBetter(long firstOnly, long secondOnly) {
        if (firstOnly < 0 || secondOnly < 0) {
            throw new IllegalArgumentException("McNemar counts must be >= 0; got " + firstOnly + " and " + secondOnly);
        }
        long n = firstOnly + secondOnly;
        return n == 0 ? 1.0 : BinomialTest.upperTail(firstOnly, n, 0.5);
    }
}
