package dev.lstmforge.plugins.stock.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceSeriesTest {

    private static final LocalDate D1 = LocalDate.of(2021, 3, 1);
    private static final LocalDate D2 = LocalDate.of(2021, 3, 2);
    private static final LocalDate D3 = LocalDate.of(2021, 3, 3);
    private static final LocalDate D4 = LocalDate.of(2021, 3, 4);

    private static PriceSeries fourDays() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Close", new double[] {1, 2, 3, 4});
        cols.put("Volume", new double[] {10, 20, 30, 40});
        return PriceSeries.of("four.csv", List.of(D1, D2, D3, D4), cols);
    }

    @Test
    void betweenIsHalfOpenAndNullMeansOpenBound() {
        PriceSeries s = fourDays();

        assertThat(s.between(D2, D4).dates()).containsExactly(D2, D3);
        assertThat(s.between(D2, D4).column("Close")).containsExactly(2.0, 3.0);
        assertThat(s.between(null, D3).dates()).containsExactly(D1, D2);
        assertThat(s.between(D3, null).column("volume")).containsExactly(30.0, 40.0);
        assertThat(s.between(null, null).size()).isEqualTo(4);
        assertThat(s.between(LocalDate.of(2030, 1, 1), null).size()).isZero();
        assertThat(s.between(D2, D4).source()).isEqualTo("four.csv");
    }

    @Test
    void betweenWithReversedBoundsIsAnError() {
        assertThatThrownBy(() -> fourDays().between(D4, D2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("four.csv");
    }

    @Test
    void betweenKeepsOnlyRepairsInsideTheRange() {
        PriceSeries s = PriceCsvReader.read(
                new StringReader("Date,Close\n2021-03-01,1\n2021-03-02,null\n2021-03-03,3\n2021-03-04,null\n"),
                "r.csv");

        assertThat(s.repairs()).extracting(PriceSeries.Repair::date).containsExactly(D2, D4);
        assertThat(s.between(null, D3).repairs())
                .extracting(PriceSeries.Repair::line)
                .containsExactly(3);
        assertThat(s.between(D3, null).repairs())
                .extracting(PriceSeries.Repair::line)
                .containsExactly(5);
        assertThat(s.between(D3, null).repairWarnings())
                .containsExactly("r.csv, column Close: 1 missing cell filled "
                        + "from the neighbours (mean of the nearest values before and after; the nearest value at the ends): "
                        + "line 5 (2021-03-04)");
    }

    @Test
    void isImmutable() {
        PriceSeries s = fourDays();
        s.column("Close")[0] = 99;

        assertThat(s.column("Close")[0]).isEqualTo(1.0);
        assertThatThrownBy(() -> s.dates().add(D4)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.repairs().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofValidatesInput() {
        Map<String, double[]> shortCol = Map.of("Close", new double[] {1, 2});
        assertThatThrownBy(() -> PriceSeries.of("s.csv", List.of(D1, D2, D3), shortCol))
                .hasMessageContaining("s.csv: column Close has 2 values but there are 3 dates");

        Map<String, double[]> nan = Map.of("Close", new double[] {1, Double.NaN});
        assertThatThrownBy(() -> PriceSeries.of("s.csv", List.of(D1, D2), nan))
                .hasMessageContaining("s.csv row 2 (2021-03-02), column Close");

        Map<String, double[]> ok = Map.of("Close", new double[] {1, 2});
        assertThatThrownBy(() -> PriceSeries.of("s.csv", List.of(D2, D1), ok))
                .hasMessageContaining("s.csv row 2: date 2021-03-01 is not after the previous row's date 2021-03-02");
    }
}
