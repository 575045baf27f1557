package dev.lstmforge.support.metrics.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values: printed t tables, closed forms for df 1 and 2, and scipy 1.17 where noted. */
class StudentTTest {

    @Test
    void matchesTableValues() {
        // two-sided p of t = 2.0 with 10 degrees of freedom
        assertThat(StudentT.twoSidedP(2.0, 10)).isCloseTo(0.07339, within(5e-6));
        assertThat(StudentT.twoSidedP(-2.0, 10)).isCloseTo(0.07339, within(5e-6));
        // the 5% two-sided critical values of the t table
        assertThat(StudentT.twoSidedP(2.228139, 10)).isCloseTo(0.05, within(1e-6));
        assertThat(StudentT.twoSidedP(2.570582, 5)).isCloseTo(0.05, within(1e-6));
        assertThat(StudentT.twoSidedP(2.042272, 30)).isCloseTo(0.05, within(1e-6));
        assertThat(StudentT.twoSidedP(1.964720, 500)).isCloseTo(0.05, within(1e-6));
        // the 1% critical value for 20 degrees of freedom
        assertThat(StudentT.twoSidedP(2.845340, 20)).isCloseTo(0.01, within(1e-6));
        // far tail (scipy: 2 * t.sf(10, 5) = 1.7094757574e-4)
        assertThat(StudentT.twoSidedP(10, 5)).isCloseTo(1.7094757574e-4, within(1e-12));
    }

    @Test
    void matchesClosedForms() {
        // df = 1 is the Cauchy distribution: P(T <= t) = 1/2 + atan(t) / pi
        for (double t : new double[] {-3, -1, 0.2, 1, 7.5}) {
            assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-13));
        }
        // df = 2: P(|T| >= t) = 1 - t / sqrt(2 + t^2)
        for (double t : new double[] {0.5, 2, 4}) {
            assertThat(StudentT.twoSidedP(t, 2)).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-13));
        }
        assertThat(StudentT.twoSidedP(0, 7)).isEqualTo(1.0);
        assertThat(StudentT.cdf(0, 7)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void edgeCases() {
        assertThat(StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3)).isZero();
        assertThat(StudentT.cdf(Double.NEGATIVE_INFINITY, 3)).isZero();
        assertThat(StudentT.twoSidedP(Double.NaN, 3)).isNaN();
        assertThat(StudentT.twoSidedP(1, 0)).isNaN();
    }

    @Test
    void betaBuildingBlocks() {
        assertThat(Beta.lnGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(Beta.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(Beta.lnGamma(10)).isCloseTo(Math.log(362_880), within(1e-13));
        assertThat(Beta.lnGamma(100.5)).isCloseTo(361.43554046777757, within(1e-11)); // scipy gammaln
        // integer a, b: I_x(2, 3) = sum_{j=2..4} C(4, j) x^j (1 - x)^(4 - j) = 0.3483 at x = 0.3
        assertThat(Beta.regularized(0.3, 2, 3)).isCloseTo(0.3483, within(1e-14));
        assertThat(Beta.regularized(0.7, 3, 2)).isCloseTo(1 - 0.3483, within(1e-14));
        // scipy betainc(250, 0.5, 0.99)
        assertThat(Beta.regularized(0.99, 250, 0.5)).isCloseTo(0.025054006060311065, within(1e-12));
        assertThat(Beta.regularized(0, 2, 3)).isZero();
        assertThat(Beta.regularized(1, 2, 3)).isEqualTo(1.0);
    }
}
