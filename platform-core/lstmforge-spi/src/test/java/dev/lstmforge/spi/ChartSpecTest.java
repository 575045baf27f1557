package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.ChartSpec.Series;
import dev.lstmforge.spi.ChartSpec.Style;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartSpecTest {

    @Test
    void indexedSeriesCountsFromZeroAsALine() {
        Series s = Series.indexed("actual", new double[] {5, 7, 9});

        assertThat(s.x()).containsExactly(0, 1, 2);
        assertThat(s.y()).containsExactly(5, 7, 9);
        assertThat(s.style()).isEqualTo(Style.LINE);
    }

    @Test
    void asChangesOnlyTheStyle() {
        Series line = new Series("flags", new double[] {1, 4}, new double[] {0, 1});

        Series markers = line.as(Style.MARKERS);

        assertThat(markers.style()).isEqualTo(Style.MARKERS);
        assertThat(markers.name()).isEqualTo("flags");
        assertThat(markers.x()).containsExactly(1, 4);
        assertThat(line.style()).isEqualTo(Style.LINE);
    }

    @Test
    void seriesOfUnequalLengthIsRefusedWithBothCounts() {
        assertThatThrownBy(() -> new Series("forecast", new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series 'forecast': 3 x values but 2 y");
    }

    @Test
    void aChartNeedsASeriesAndCopiesTheList() {
        assertThatThrownBy(() -> new ChartSpec("Loss", "epoch", "loss", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chart 'Loss' has no series");
        List<Series> series = new ArrayList<>(List.of(Series.indexed("train", new double[] {1})));
        ChartSpec chart = new ChartSpec("Loss", "epoch", "loss", series);
        series.clear();

        assertThat(chart.series()).hasSize(1);
    }

    @Test
    void nullNamesAreRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ChartSpec(null, "x", "y", List.of()))
                .withMessage("title");
        assertThatNullPointerException()
                .isThrownBy(() -> new Series(null, new double[0], new double[0]))
                .withMessage("name");
        assertThatNullPointerException()
                .isThrownBy(() -> new Series("s", new double[0], new double[0], null))
                .withMessage("style");
    }
}
