package dev.lstmforge.plugins.stock.feature;

import static dev.lstmforge.plugins.stock.feature.Feature.CLOSE;
import static dev.lstmforge.plugins.stock.feature.Feature.MACD;
import static dev.lstmforge.plugins.stock.feature.Feature.RSI;
import static dev.lstmforge.plugins.stock.feature.Feature.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.stock.data.PriceSeries;
import dev.lstmforge.support.DataException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void closeIsAlwaysFirstAndIncluded() {
        PriceSeries s = TestSeries.wavy(200);

        assertThat(FeatureMatrix.build(s, List.of(RSI)).features()).containsExactly(CLOSE, RSI);
        assertThat(FeatureMatrix.build(s, List.of(VOLUME, CLOSE, MACD)).features())
                .containsExactly(CLOSE, VOLUME, MACD);
        assertThat(FeatureMatrix.build(s, List.of()).features()).containsExactly(CLOSE);
        assertThatThrownBy(() -> FeatureMatrix.build(s, List.of(RSI, RSI)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("RSI is listed twice");
    }

    @Test
    void warmUpRowsAreDroppedFromTheTop() {
        PriceSeries s = TestSeries.wavy(200);

        FeatureMatrix raw = FeatureMatrix.build(s, List.of(CLOSE, VOLUME));
        assertThat(raw.firstUsableRow()).isZero();
        assertThat(raw.rows()).isEqualTo(200);

        FeatureMatrix rsi = FeatureMatrix.build(s, List.of(CLOSE, RSI));
        assertThat(rsi.firstUsableRow()).isEqualTo(42);
        assertThat(rsi.rows()).isEqualTo(158);

        FeatureMatrix all = FeatureMatrix.build(s, List.of(CLOSE, VOLUME, RSI, MACD));
        assertThat(all.firstUsableRow()).isEqualTo(78).isEqualTo(MACD.warmUpRows());
        assertThat(all.rows()).isEqualTo(122);
        assertThat(all.date(0)).isEqualTo(s.date(78));
        assertThat(all.value(0, CLOSE)).isEqualTo(s.column("Close")[78]);
        assertThat(all.value(0, VOLUME)).isEqualTo(s.column("Volume")[78]);
        assertThat(all.close()).hasSize(122);
        assertThat(all.date(121)).isEqualTo(s.date(199));
    }

    @Test
    void seriesShorterThanWarmUpGivesAnEmptyMatrix() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(50), List.of(MACD));
        assertThat(m.rows()).isZero();
    }

    @Test
    void rsiIsHundredWhenRisingAndZeroWhenFalling() {
        FeatureMatrix up = FeatureMatrix.build(TestSeries.series(100, i -> 10 + i), List.of(RSI));
        FeatureMatrix down = FeatureMatrix.build(TestSeries.series(100, i -> 200 - i), List.of(RSI));

        assertThat(list(up.column(RSI))).allSatisfy(v -> assertThat(v).isEqualTo(100.0, within(1e-9)));
        assertThat(list(down.column(RSI))).allSatisfy(v -> assertThat(v).isEqualTo(0.0, within(1e-9)));
    }

    @Test
    void macdOfAConstantPriceIsZero() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.series(120, i -> 42.0), List.of(MACD));
        assertThat(list(m.column(MACD))).allSatisfy(v -> assertThat(v).isEqualTo(0.0, within(1e-12)));
    }

    @Test
    void indicatorsMatchAnIndependentComputation() {
        PriceSeries s = TestSeries.wavy(300);
        double[] c = s.column("Close");
        FeatureMatrix m = FeatureMatrix.build(s, List.of(RSI, MACD));

        // Reference: EMAs and Wilder averages seeded with the first value, as ta4j 0.17 does.
        double ema12 = c[0];
        double ema26 = c[0];
        double gain = 0;
        double loss = 0;
        for (int i = 1; i < c.length; i++) {
            ema12 += (c[i] - ema12) * 2.0 / 13.0;
            ema26 += (c[i] - ema26) * 2.0 / 27.0;
            double d = c[i] - c[i - 1];
            gain += (Math.max(d, 0) - gain) / 14.0;
            loss += (Math.max(-d, 0) - loss) / 14.0;
            int row = i - m.firstUsableRow();
            if (row >= 0) {
                double rsi = 100 - 100 / (1 + gain / loss);
                assertThat(m.value(row, MACD)).as("MACD at %d", i).isCloseTo(ema12 - ema26, within(1e-9));
                assertThat(m.value(row, RSI)).as("RSI at %d", i).isCloseTo(rsi, within(1e-9));
            }
        }
    }

    @Test
    void aaplIndicatorsAreSane() {
        PriceSeries s = TestSeries.aapl();
        FeatureMatrix m = FeatureMatrix.build(s, List.of(CLOSE, VOLUME, RSI, MACD));

        assertThat(m.rows()).isEqualTo(3322 - 78);
        assertThat(m.source()).isEqualTo("AAPL.csv");
        double[] rsi = m.column(RSI);
        double[] macd = m.column(MACD);
        double[] close = m.close();
        double rsiSum = 0;
        for (int i = 0; i < m.rows(); i++) {
            assertThat(rsi[i]).isBetween(0.0, 100.0);
            assertThat(Math.abs(macd[i])).isLessThan(0.2 * close[i]);
            rsiSum += rsi[i];
        }
        // A stock that rose ~20x over the period spends more time overbought than oversold.
        assertThat(rsiSum / m.rows()).isBetween(45.0, 65.0);
        assertThat(list(m.column(VOLUME))).allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    void appendedRowHasNewCloseRepeatsOtherFeaturesAndLeavesOriginalAlone() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(200), List.of(VOLUME, RSI, MACD));
        int n = m.rows();
        LocalDate lastDate = m.date(n - 1);

        FeatureMatrix a = m.withAppendedRow(123.0);

        assertThat(m.rows()).isEqualTo(n);
        assertThat(a.rows()).isEqualTo(n + 1);
        assertThat(a.value(n, CLOSE)).isEqualTo(123.0);
        assertThat(a.value(n, VOLUME)).isEqualTo(m.value(n - 1, VOLUME));
        assertThat(a.value(n, RSI)).isEqualTo(m.value(n - 1, RSI));
        assertThat(a.value(n, MACD)).isEqualTo(m.value(n - 1, MACD));
        assertThat(a.date(n)).isAfter(lastDate);
        assertThat(a.values()[n - 1]).containsExactly(m.values()[n - 1]);
        assertThatThrownBy(() -> m.date(n)).isInstanceOf(DataException.class);
    }

    @Test
    void appendedDatesSkipWeekends() {
        FeatureMatrix m = FeatureMatrix.of(
                "x",
                List.of(CLOSE),
                List.of(LocalDate.of(2024, 5, 3)), // a Friday
                new double[][] {{10}});
        FeatureMatrix a = m.withAppendedRow(11).withAppendedRow(12);
        assertThat(a.date(1)).isEqualTo(LocalDate.of(2024, 5, 6));
        assertThat(a.date(2)).isEqualTo(LocalDate.of(2024, 5, 7));
    }

    @Test
    void longChainsAndBranchesStayIndependent() {
        FeatureMatrix base = FeatureMatrix.build(TestSeries.wavy(100), List.of(VOLUME));
        int n = base.rows();
        FeatureMatrix chain = base;
        for (int k = 0; k < 500; k++) {
            chain = chain.withAppendedRow(100 + k);
        }
        // Two branches from the same parent must not see each other's rows.
        FeatureMatrix left = base.withAppendedRow(1.0);
        FeatureMatrix right = base.withAppendedRow(2.0);
        FeatureMatrix leftMore = left.withAppendedRow(3.0);
        FeatureMatrix rightMore = right.withAppendedRow(4.0);

        assertThat(chain.rows()).isEqualTo(n + 500);
        for (int k = 0; k < 500; k++) {
            assertThat(chain.value(n + k, CLOSE)).isEqualTo(100.0 + k);
        }
        assertThat(left.value(n, CLOSE)).isEqualTo(1.0);
        assertThat(right.value(n, CLOSE)).isEqualTo(2.0);
        assertThat(leftMore.close()).endsWith(1.0, 3.0);
        assertThat(rightMore.close()).endsWith(2.0, 4.0);
        assertThat(base.rows()).isEqualTo(n);
        assertThat(chain.value(n - 1, CLOSE)).isEqualTo(base.value(n - 1, CLOSE));
    }

    @Test
    void appendRejectsInvalidPrices() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(10), List.of(CLOSE));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> m.withAppendedRow(bad))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("synthetic.csv");
        }
    }

    @Test
    void volumeNeedsAVolumeColumn() {
        PriceSeries s = PriceSeries.of("nov.csv", TestSeries.weekdays(3), Map.of("Close", new double[] {1, 2, 3}));
        assertThatThrownBy(() -> FeatureMatrix.build(s, List.of(VOLUME)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("nov.csv: feature VOLUME needs a Volume column");
    }

    @Test
    void nonPositiveCloseIsReportedWithRowAndDate() {
        PriceSeries s = PriceSeries.of("zero.csv", TestSeries.weekdays(3), Map.of("Close", new double[] {1, 0, 3}));
        assertThatThrownBy(() -> FeatureMatrix.build(s, List.of(CLOSE)))
                .isInstanceOf(DataException.class)
                .hasMessage("zero.csv row 2 (2020-01-07), column Close: 0.0 is not a positive price");
    }

    @Test
    void accessorsReturnCopies() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(20), List.of(VOLUME));
        double before = m.value(0, 0);
        m.values()[0][0] = -5;
        m.close()[0] = -5;
        m.column(VOLUME)[0] = -5;
        assertThat(m.value(0, 0)).isEqualTo(before);
        assertThat(m.value(0, VOLUME)).isEqualTo(1000.0);
    }

    @Test
    void ofRequiresCloseFirstAndConsistentShape() {
        List<LocalDate> d = TestSeries.weekdays(2);
        assertThatThrownBy(() -> FeatureMatrix.of("m", List.of(VOLUME, CLOSE), d, new double[][] {{1, 2}, {3, 4}}))
                .hasMessageContaining("must start with CLOSE");
        assertThatThrownBy(() -> FeatureMatrix.of("m", List.of(CLOSE, VOLUME), d, new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("m row 2: expected 2 values");
        assertThatThrownBy(() -> FeatureMatrix.of("m", List.of(CLOSE), d, new double[][] {{1}}))
                .hasMessageContaining("2 dates but 1 value rows");
    }

    @Test
    void rowOnOrAfterFindsSplitRows() {
        FeatureMatrix m = FeatureMatrix.build(TestSeries.wavy(10), List.of(CLOSE));
        assertThat(m.rowOnOrAfter(m.date(3))).isEqualTo(3);
        assertThat(m.rowOnOrAfter(m.date(3).minusDays(1))).isIn(2, 3);
        assertThat(m.rowOnOrAfter(LocalDate.of(1990, 1, 1))).isZero();
        assertThat(m.rowOnOrAfter(LocalDate.of(2100, 1, 1))).isEqualTo(10);
    }
}
