package dev.lstmforge.support.metrics.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    /*
     *   reference  actual  predicted  error   predicted move  actual move
     *      10        11      10.5      0.5         up              up      right
     *      11        12      12.5     -0.5         up              up      right
     *      12        11      12.5     -1.5         up              down    wrong
     *      11        12      11        1.0         none            up      wrong
     *   MSE = (0.25 + 0.25 + 2.25 + 1) / 4 = 0.9375; MAE = 3.5 / 4 = 0.875
     *   MAPE = 25 * (0.5/11 + 0.5/12 + 1.5/11 + 1/12) = 25 * (2/11 + 1.5/12) = 7.67045...
     *   direction 2/4; up moves 3/4
     */
    private static final double[] REF = {10, 11, 12, 11};
    private static final double[] ACTUAL = {11, 12, 11, 12};
    private static final double[] PREDICTED = {10.5, 12.5, 12.5, 11};

    @Test
    void handComputedErrors() {
        assertThat(RegressionMetrics.squaredErrors(ACTUAL, PREDICTED)).containsExactly(0.25, 0.25, 2.25, 1.0);
        assertThat(RegressionMetrics.mse(ACTUAL, PREDICTED)).isCloseTo(0.9375, within(1e-15));
        assertThat(RegressionMetrics.rmse(ACTUAL, PREDICTED)).isCloseTo(Math.sqrt(0.9375), within(1e-15));
        assertThat(RegressionMetrics.mae(ACTUAL, PREDICTED)).isCloseTo(0.875, within(1e-15));
        assertThat(RegressionMetrics.mape(ACTUAL, PREDICTED)).isCloseTo(25 * (2.0 / 11 + 1.5 / 12), within(1e-12));
    }

    @Test
    void handComputedDirection() {
        assertThat(RegressionMetrics.directionHits(ACTUAL, PREDICTED, REF)).containsExactly(true, true, false, false);
        assertThat(RegressionMetrics.directionalAccuracy(ACTUAL, PREDICTED, REF))
                .isEqualTo(0.5);
        assertThat(RegressionMetrics.upShare(ACTUAL, REF)).isEqualTo(0.75);
        // "no move" is a third direction: right only when the forecast says "no move" too
        assertThat(RegressionMetrics.directionalAccuracy(
                        new double[] {10, 11, 11}, new double[] {10, 10, 12}, new double[] {10, 10, 11}))
                .isCloseTo(1.0 / 3, within(1e-15));
        assertThat(RegressionMetrics.upShare(new double[] {10, 11, 11}, new double[] {10, 10, 11}))
                .isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void badInputIsADataErrorNamingTheArray() {
        assertThatThrownBy(() -> RegressionMetrics.rmse(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(DataException.class)
                .hasMessage("forecast arrays must be aligned: actual has 2 values, predicted 1");
        assertThatThrownBy(() -> RegressionMetrics.mae(new double[0], new double[0]))
                .hasMessage("actual is empty; metrics need at least one forecast");
        assertThatThrownBy(() -> RegressionMetrics.mae(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}))
                .hasMessage("predicted[0] = Infinity is not a finite number");
        assertThatThrownBy(() -> RegressionMetrics.mape(new double[] {1, 0}, new double[] {1, 1}))
                .hasMessage("actual[1] is 0: the percentage error is undefined there");
    }
}
