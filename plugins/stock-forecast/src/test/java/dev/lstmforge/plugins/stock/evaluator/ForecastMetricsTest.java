package dev.lstmforge.plugins.stock.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.stock.data.StockDataException;
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
        ForecastMetrics m = ForecastMetrics.of(
                new double[] {10, 11, 11},
                new double[] {10, 10, 12},
                new double[] {10, 10, 11});

        assertThat(m.directionalAccuracy()).isCloseTo(1.0 / 3, EPS);
        assertThat(m.strategyReturn()).isCloseTo(0.0, EPS);
        assertThat(m.buyAndHoldReturn()).isCloseTo(0.1, EPS);
    }

    @Test
    void shortingSignalsStayFlatAndMissedGainsDoNotCount() {
        // Predicts a fall every day while the price rises 10% then falls 10%: always flat.
        ForecastMetrics m = ForecastMetrics.of(
                new double[] {110, 99},
                new double[] {90, 100},
                new double[] {100, 110});

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
    void asMapHasAStableOrder() {
        ForecastMetrics m = ForecastMetrics.of(ACTUAL, PREDICTED, LAST);

        assertThat(m.asMap()).containsExactly(
                org.assertj.core.api.Assertions.entry("count", 4.0),
                org.assertj.core.api.Assertions.entry("rmse", m.rmse()),
                org.assertj.core.api.Assertions.entry("mae", m.mae()),
                org.assertj.core.api.Assertions.entry("mape", m.mape()),
                org.assertj.core.api.Assertions.entry("directionalAccuracy", m.directionalAccuracy()),
                org.assertj.core.api.Assertions.entry("strategyReturn", m.strategyReturn()),
                org.assertj.core.api.Assertions.entry("buyAndHoldReturn", m.buyAndHoldReturn()),
                org.assertj.core.api.Assertions.entry("persistenceRmse", m.persistenceRmse()),
                org.assertj.core.api.Assertions.entry("persistenceMae", m.persistenceMae()),
                org.assertj.core.api.Assertions.entry("persistenceMape", m.persistenceMape()),
                org.assertj.core.api.Assertions.entry("rmseVsPersistence", m.rmseVsPersistence()));
        assertThatThrownBy(() -> m.asMap().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validatesLengthsAndValues() {
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1, 2}, new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("actualNext has 2 values, predictedNext 1, lastKnown 2");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[0], new double[0], new double[0]))
                .hasMessageContaining("actualNext is empty");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, null, new double[] {1}))
                .hasMessageContaining("predictedNext is missing");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1, 0}, new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("actualNext[1] = 0.0 is not a valid price");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("predictedNext[0] = NaN is not a finite number");
        assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1}, new double[] {1}, new double[] {-3}))
                .hasMessageContaining("lastKnown[0] = -3.0");
    }
}
