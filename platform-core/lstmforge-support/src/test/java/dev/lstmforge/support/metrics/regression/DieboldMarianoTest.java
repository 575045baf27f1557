package dev.lstmforge.support.metrics.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DieboldMarianoTest {

    private static final double[] ONES6 = {1, 1, 1, 1, 1, 1};

    private static double[] plus(double[] d, double c) {
        double[] out = d.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += c;
        }
        return out;
    }

    /*
     * One step ahead, d = model - baseline = 1, -1, 2, 0, 3 (n = 5):
     *   mean 1, deviations 0, -2, 1, -1, 2, gamma(0) = 10 / 5 = 2
     *   DM  = 1 / sqrt(2 / 5)                          = 1.58114
     *   HLN = sqrt((5 + 1 - 2 + 0) / 5) = sqrt(4 / 5)
     *   DM* = sqrt(5 / 2) * sqrt(4 / 5) = sqrt(2)
     *   p   = 2 P(T_4 > sqrt(2)) = 0.23020 (t table / scipy 0.2301996410804989)
     */
    @Test
    void oneStepHandExample() {
        double[] d = {1, -1, 2, 0, 3};
        DieboldMariano.Result r = DieboldMariano.test(plus(d, 4), new double[] {4, 4, 4, 4, 4}, 1);
        assertThat(r.n()).isEqualTo(5);
        assertThat(r.horizon()).isEqualTo(1);
        assertThat(r.meanDifferential()).isCloseTo(1, within(1e-15));
        assertThat(r.statistic()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.2301996410804989, within(1e-10));
        assertThat(r.modelBetter(0.05)).isFalse();
        assertThat(r.modelWorse(0.05)).isFalse();
    }

    /*
     * Two steps ahead, d = 2, 0, 1, 3, 1, -1 (n = 6):
     *   mean 1, deviations 1, -1, 0, 2, 0, -2
     *   gamma(0) = (1 + 1 + 0 + 4 + 0 + 4) / 6 = 10/6
     *   gamma(1) = (-1*1 + 0*-1 + 2*0 + 0*2 + -2*0) / 6 = -1/6
     *   V   = 10/6 + 2 * (-1/6) = 4/3 (rectangular window, positive)
     *   DM  = 1 / sqrt((4/3) / 6) = 3 / sqrt(2)
     *   HLN = sqrt((6 + 1 - 4 + 2/6) / 6) = sqrt(5/9)
     *   DM* = sqrt(5/2) = 1.58114, p = 2 P(T_5 > 1.58114) = 0.17469 (scipy 0.1746878142641194)
     */
    @Test
    void twoStepHandExampleUsesTheRectangularWindow() {
        double[] d = {2, 0, 1, 3, 1, -1};
        DieboldMariano.Result r = DieboldMariano.test(plus(d, 1), ONES6, 2);
        assertThat(r.statistic()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.1746878142641194, within(1e-10));
    }

    /*
     * Two steps ahead, d = 1, -1, 2, 0, 3: gamma(0) = 2, gamma(1) = (0 - 2 - 1 - 2) / 5 = -1, so the
     * rectangular V = 2 - 2 = 0 is not usable; Bartlett: V = 2 + 2 * (1 - 1/2) * (-1) = 1.
     *   DM = 1 / sqrt(1 / 5) = sqrt(5); HLN = sqrt((5 + 1 - 4 + 2/5) / 5) = sqrt(0.48)
     *   DM* = sqrt(2.4) = 1.54919, p = 2 P(T_4 > 1.54919) = 0.19626 (scipy 0.19626117814926966)
     */
    @Test
    void fallsBackToBartlettWeightsWhenTheRectangularVarianceIsNotPositive() {
        double[] d = {1, -1, 2, 0, 3};
        DieboldMariano.Result r = DieboldMariano.test(plus(d, 2), new double[] {2, 2, 2, 2, 2}, 2);
        assertThat(r.statistic()).isCloseTo(Math.sqrt(2.4), within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.19626117814926966, within(1e-10));
    }

    /*
     * Squared errors: actual 0, 0, 0; model 1, 2, 0; baseline 1, 1, 1 -> d = 0, 3, -1.
     *   mean 2/3, gamma(0) = (4/9 + 49/9 + 25/9) / 3 = 26/9
     *   DM* = (2/3) / sqrt(26/27) * sqrt(2/3) = 2 / sqrt(13); p = 2 P(T_2 > 0.5547) = 0.63485
     */
    @Test
    void squaredErrorsOfTwoForecasts() {
        DieboldMariano.Result r =
                DieboldMariano.squaredErrors(new double[3], new double[] {1, 2, 0}, new double[] {1, 1, 1}, 1);
        assertThat(r.meanDifferential()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.statistic()).isCloseTo(2 / Math.sqrt(13), within(1e-12));
        // df = 2 closed form: 1 - t / sqrt(2 + t^2)
        double t = 2 / Math.sqrt(13);
        assertThat(r.pValue()).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-12));
    }

    @Test
    void aClearlyBetterModelIsSignificantAndSignsAreRight() {
        Random rnd = new Random(7);
        int n = 200;
        double[] actual = new double[n];
        double[] good = new double[n];
        double[] bad = new double[n];
        for (int i = 0; i < n; i++) {
            good[i] = 0.5 * rnd.nextGaussian();
            bad[i] = 2.0 * rnd.nextGaussian();
        }
        DieboldMariano.Result better = DieboldMariano.squaredErrors(actual, good, bad, 1);
        assertThat(better.statistic()).isNegative();
        assertThat(better.pValue()).isLessThan(1e-6);
        assertThat(better.modelBetter(0.05)).isTrue();
        DieboldMariano.Result worse = DieboldMariano.squaredErrors(actual, bad, good, 1);
        assertThat(worse.statistic()).isCloseTo(-better.statistic(), within(1e-12));
        assertThat(worse.modelWorse(0.05)).isTrue();
    }

    @Test
    void equalForecastsAndDegenerateCases() {
        DieboldMariano.Result same = DieboldMariano.test(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1);
        assertThat(same.statistic()).isZero();
        assertThat(same.pValue()).isEqualTo(1.0);
        DieboldMariano.Result constant = DieboldMariano.test(new double[] {2, 2, 2}, new double[] {1, 1, 1}, 1);
        assertThat(constant.statistic()).isPositive().isInfinite();
        assertThat(constant.pValue()).isZero();
        assertThat(DieboldMariano.test(new double[] {1}, new double[] {2}, 1).pValue())
                .isNaN();
        // h = 3 with n = 3: n + 1 - 2h + h(h-1)/n = 3 + 1 - 6 + 2 = 0, no valid correction
        assertThat(DieboldMariano.test(new double[] {1, 2, 3}, new double[] {0, 0, 0}, 3)
                        .pValue())
                .isNaN();
    }

    @Test
    void badInputNamesTheArray() {
        assertThatThrownBy(() -> DieboldMariano.test(new double[] {1, 2}, new double[] {1}, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("forecast arrays must be aligned: model loss has 2 values, baseline loss 1");
        assertThatThrownBy(() -> DieboldMariano.test(new double[] {1, Double.NaN}, new double[] {1, 1}, 1))
                .hasMessage("model loss[1] = NaN is not a finite number");
        assertThatThrownBy(() -> DieboldMariano.test(new double[] {1}, new double[] {1}, 0))
                .hasMessage("Diebold-Mariano test: the horizon must be at least 1, got 0");
    }
}
