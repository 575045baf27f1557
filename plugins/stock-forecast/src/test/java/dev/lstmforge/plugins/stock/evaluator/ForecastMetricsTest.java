package dev.lstmforge.plugins.stock.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    private static final Offset<Double> EPS = within(1e-12);

    /*
     * Worked example (four forecast days):
     *
     *   day  lastKnown  actualNext  predicted  a-p    pred move  actual move
     *    0      10         11         10.5      0.5     up          up     right, long: x1.1
     *    1      11         12         12.5     -0.5     up          up     right, long: x12/11
     *    2      12         11         12.5     -1.5     up          down   wrong, long: x11/12
     *    3      11         12         11        1.0     none        up     wrong, flat
     *
     *   MAE  = (0.5 + 0.5 + 1.5 + 1) / 4                 = 0.875
     *   RMSE = sqrt((0.25 + 0.25 + 2.25 + 1) / 4)        = sqrt(0.9375)
     *   MAPE = 100/4 * (0.5/11 + 0.5/12 + 1.5/11 + 1/12) = 25 * (2/11 + 1.5/12)
     *   direction = 2/4; strategy = 1.1 * 12/11 * 11/12 - 1 = 0.1; buy & hold = 12/10 - 1 = 0.2
     *   persistence errors a-l = 1, 1, -1, 1: MAE = RMSE = 1, MAPE = 25 * (2/11 + 2/12)
     */
    private static final double[] LAST = {10, 11, 12, 11};
    private static final double[] ACTUAL = {11, 12, 11, 12};
    private static final double[] PREDICTED = {10.5, 12.5, 12.5, 11};

    @Test
    void handComputedErrors() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);

        assertThat(m.count()).isEqualTo(4);
        assertThat(m.mae()).isCloseTo(0.875, EPS);
        assertThat(m.rmse()).isCloseTo(Math.sqrt(0.9375), EPS);
        assertThat(m.mape()).isCloseTo(25 * (2.0 / 11 + 1.5 / 12), EPS);
        assertThat(m.mape()).isCloseTo(7.6704545454545, within(1e-9));
    }

    @Test
    void handComputedDirectionAndReturns() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);

        assertThat(m.directionalAccuracy()).isCloseTo(0.5, EPS);
        assertThat(m.strategyReturn()).isCloseTo(0.1, EPS);
        assertThat(m.buyAndHoldReturn()).isCloseTo(0.2, EPS);
    }

    @Test
    void handComputedPersistenceBaseline() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);

        assertThat(m.persistenceMae()).isCloseTo(1.0, EPS);
        assertThat(m.persistenceRmse()).isCloseTo(1.0, EPS);
        assertThat(m.persistenceMape()).isCloseTo(25 * (2.0 / 11 + 2.0 / 12), EPS);
        assertThat(m.rmseVsPersistence()).isCloseTo(Math.sqrt(0.9375), EPS);
    }

    @Test
    void zeroMovesAreAThirdDirection() {
        // day 0: flat forecast, flat price -> right; day 1: flat forecast, price rose -> wrong;
        // day 2: price flat but forecast up -> wrong (and long for a x1 day).
        ForecastMetrics m =
                ForecastMetrics.of(new double[] {10, 11, 11}, new double[] {10, 10, 12}, new double[] {10, 10, 11});

        assertThat(m.directionalAccuracy()).isCloseTo(1.0 / 3, EPS);
        assertThat(m.strategyReturn()).isCloseTo(0.0, EPS);
        assertThat(m.buyAndHoldReturn()).isCloseTo(0.1, EPS);
    }

    @Test
    void shortingSignalsStayFlatAndMissedGainsDoNotCount() {
        // Predicts a fall every day while the price rises 10% then falls 10%: always flat.
        ForecastMetrics m = ForecastMetrics.of(new double[] {110, 99}, new double[] {90, 100}, new double[] {100, 110});

        assertThat(m.strategyReturn()).isCloseTo(0.0, EPS);
        assertThat(m.directionalAccuracy()).isCloseTo(0.5, EPS);
        assertThat(m.buyAndHoldReturn()).isCloseTo(99.0 / 100 - 1, EPS);
    }

    @Test
    void perfectForecast() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, ACTUAL.clone(), LAST);

        assertThat(m.rmse()).isZero();
        assertThat(m.mae()).isZero();
        assertThat(m.mape()).isZero();
        assertThat(m.directionalAccuracy()).isEqualTo(1.0);
        assertThat(m.rmseVsPersistence()).isZero();
        // long on the three up days: 11/10 * 12/11 * 12/11
        assertThat(m.strategyReturn()).isCloseTo(12.0 / 10 * 12 / 11 - 1, EPS);
    }

    @Test
    void persistenceForecastScoresOneAgainstItself() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, LAST.clone(), LAST);

        assertThat(m.rmseVsPersistence()).isCloseTo(1.0, EPS);
        assertThat(m.strategyReturn()).isZero();
        assertThat(m.directionalAccuracy()).isZero();
    }

    @Test
    void neverMovingPriceHasUndefinedRatio() {
        ForecastMetrics m = ForecastMetrics.of(new double[] {5, 5}, new double[] {5, 6}, new double[] {5, 5});
        assertThat(m.persistenceRmse()).isZero();
        assertThat(m.rmseVsPersistence()).isNaN();
    }

    @Test
    void alwaysUpBaselineAndDirectionTest() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);
        // up moves on days 0, 1 and 3
        assertThat(m.alwaysUpAccuracy()).isCloseTo(0.75, EPS);
        // misses: model 0, 0, 1, 1; always-up 0, 0, 1, 0 -> d = 0, 0, 0, 1
        // mean 1/4, gamma(0) = (3 * 1/16 + 9/16) / 4 = 3/16, DM = (1/4) / sqrt(3/64) = 2 / sqrt(3)
        // HLN factor sqrt((4 + 1 - 2) / 4) = sqrt(3) / 2, so DM* = 1; df = 3
        assertThat(m.directionTest().statistic()).isCloseTo(1.0, within(1e-12));
        // t = 1, df = 3: two-sided p = 1 - (2/pi) (atan(1/sqrt 3) + sqrt(3)/4) = 0.39100221...
        double p = 1 - 2 / Math.PI * (Math.atan(1 / Math.sqrt(3)) + Math.sqrt(3) / 4);
        assertThat(m.directionTest().pValue()).isCloseTo(p, within(1e-12));
        assertThat(m.directionVerdict()).isEqualTo("on par with");
    }

    @Test
    void accuracyTestAgainstPersistence() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);
        // squared errors: model 0.25, 0.25, 2.25, 1; persistence 1, 1, 1, 1 -> d = -0.75, -0.75, 1.25, 0
        // mean -1/16; deviations -11/16, -11/16, 21/16, 1/16; gamma(0) = (121 + 121 + 441 + 1) / 256 / 4 = 171/256
        // DM = (-1/16) / sqrt(171/1024) = -2 / sqrt(171); DM* = DM * sqrt(3) / 2 = -sqrt(3 / 171)
        assertThat(m.accuracyTest().meanDifferential()).isCloseTo(-1.0 / 16, EPS);
        assertThat(m.accuracyTest().statistic()).isCloseTo(-Math.sqrt(3.0 / 171), within(1e-12));
        assertThat(m.accuracyTest().pValue()).isBetween(0.8, 1.0);
        assertThat(m.accuracyVerdict()).isEqualTo("is on par with");
    }

    @Test
    void verdictsFollowSignificanceNotTheRatio() {
        // 60 days alternating up and down by 1; persistence is always 1 off
        int n = 60;
        double[] last = new double[n];
        double[] actual = new double[n];
        double[] close = new double[n];
        double[] far = new double[n];
        double[] slightlyBetter = new double[n];
        for (int i = 0; i < n; i++) {
            last[i] = 100 + i % 2;
            actual[i] = 100 + (i + 1) % 2;
            double up = actual[i] > last[i] ? 1 : -1;
            close[i] = actual[i] + (i % 3 == 0 ? 0.1 : -0.3) * up; // errors 0.1 or 0.3: much better
            far[i] = actual[i] + (i % 3 == 0 ? 2 : 1.5) * up; // errors 2 or 1.5: much worse
            // errors 0.5 and 1.3 in turn against persistence's 1: MSE 0.97, ratio 0.985, not significant
            slightlyBetter[i] = actual[i] - (i % 2 == 0 ? 0.5 : 1.3) * up;
        }
        ForecastMetrics good = ForecastMetrics.of(actual, close, last);
        assertThat(good.accuracyVerdict()).isEqualTo("beats");
        assertThat(good.asMap().get("dm_p_value")).isLessThan(0.05);
        assertThat(good.directionVerdict()).isEqualTo("better than");

        ForecastMetrics bad = ForecastMetrics.of(actual, far, last);
        assertThat(bad.accuracyVerdict()).isEqualTo("is worse than");
        assertThat(bad.rmseVsPersistence()).isGreaterThan(1.5);

        ForecastMetrics marginal = ForecastMetrics.of(actual, slightlyBetter, last);
        assertThat(marginal.rmseVsPersistence()).isCloseTo(Math.sqrt(0.97), within(1e-12));
        assertThat(marginal.accuracyTest().pValue()).isGreaterThan(0.5);
        assertThat(marginal.accuracyVerdict()).isEqualTo("is on par with");
    }

    @Test
    void asMapHasSnakeCaseNamesInAStableOrder() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);

        assertThat(m.asMap())
                .containsExactly(
                        entry("count", 4.0),
                        entry("rmse", m.rmse()),
                        entry("persistence_rmse", m.persistenceRmse()),
                        entry("rmse_vs_persistence", m.rmseVsPersistence()),
                        entry("dm_statistic", m.accuracyTest().statistic()),
                        entry("dm_p_value", m.accuracyTest().pValue()),
                        entry("directional_accuracy", m.directionalAccuracy()),
                        entry("always_up_accuracy", 0.75),
                        entry("direction_dm_p_value", m.directionTest().pValue()),
                        entry("mae", m.mae()),
                        entry("persistence_mae", m.persistenceMae()),
                        entry("mape", m.mape()),
                        entry("persistence_mape", m.persistenceMape()),
                        entry("strategy_return", m.strategyReturn()),
                        entry("buy_and_hold_return", m.buyAndHoldReturn()));
        assertThat(m.asMap().keySet()).allMatch(k -> k.matches("[a-z0-9_]+"));
        assertThatThrownBy(() -> m.asMap().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validatesLengthsAndValues() {
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1, 2}, new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("actualNext has 2 values, predictedNext 1, lastKnown 2");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[0], new double[0], new double[0]))
                .hasMessageContaining("actualNext is empty");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, null, new double[] {1}))
                .hasMessageContaining("predictedNext none");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1, 0}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("actualNext[1] = 0.0 is not a valid price");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("predictedNext[0] = NaN is not a finite number");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, new double[] {1}, new double[] {-3}))
                .hasMessageContaining("lastKnown[0] = -3.0");
    }
}
