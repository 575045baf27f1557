package dev.lstmforge.support.metrics.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinomialTestTest {

    @Test
    void matchesExactSumsOfTheProbabilityMassFunction() {
        assertThat(BinomialTest.upperTail(8, 10, 0.5)).isCloseTo(56.0 / 1024, within(1e-12));
        assertThat(BinomialTest.upperTail(0, 10, 0.3)).isEqualTo(1.0);
        // P(X >= 3), n = 20, p = 0.1, summed term by term
        double exact = 0;
        for (int k = 3; k <= 20; k++) {
            exact += binom(20, k) * Math.pow(0.1, k) * Math.pow(0.9, 20 - k);
        }
        assertThat(BinomialTest.upperTail(3, 20, 0.1)).isCloseTo(exact, within(1e-12));
        assertThat(BinomialTest.upperTail(20, 20, 0.1)).isCloseTo(1e-20, within(1e-30));
    }

    @Test
    void aHighAccuracyOverManyTrialsIsSignificantAndChanceIsNot() {
        assertThat(BinomialTest.upperTail(280, 300, 0.1)).isLessThan(1e-100);
        assertThat(BinomialTest.upperTail(32, 300, 0.1)).isGreaterThan(0.2);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> BinomialTest.upperTail(11, 10, 0.5)).hasMessageContaining("k=11");
    }

    private static double binom(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
