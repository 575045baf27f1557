package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapSpecTest {

    private static final List<String> AB = List.of("a", "b");

    @Test
    void confusionPutsActualInRowsAndPredictedInColumns() {
        long[][] counts = {{5, 1, 0}, {2, 7, 0}, {0, 3, 9}};

        HeatmapSpec cm = HeatmapSpec.confusion("Confusion", List.of("cat", "dog", "bird"), counts);

        assertThat(cm.rows()).containsExactly("cat", "dog", "bird");
        assertThat(cm.columns()).containsExactly("cat", "dog", "bird");
        assertThat(cm.yLabel()).isEqualTo("actual");
        assertThat(cm.xLabel()).isEqualTo("predicted");
        // actual dog, predicted cat
        assertThat(cm.value(1, 0)).isEqualTo(2.0);
        // actual bird, predicted dog
        assertThat(cm.value(2, 1)).isEqualTo(3.0);
        assertThat(cm.values()).isDeepEqualTo(new double[][] {{5, 1, 0}, {2, 7, 0}, {0, 3, 9}});
    }

    @Test
    void rowCountMustMatchTheRowNames() {
        assertThatThrownBy(() -> new HeatmapSpec("H", "x", "y", AB, List.of("r1", "r2", "r3"), new double[2][2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H': 3 row names but 2 rows of values");
        assertThatThrownBy(() -> HeatmapSpec.confusion("CM", List.of("a", "b", "c"), new long[2][3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'CM': 3 row names but 2 rows of values");
    }

    @Test
    void eachRowMustHaveOneValuePerColumn() {
        double[][] ragged = {{1, 2}, {3}};

        assertThatThrownBy(() -> new HeatmapSpec("H", "x", "y", AB, List.of("r1", "r2"), ragged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H': row 'r2' has 1 values but there are 2 columns");
        assertThatThrownBy(() -> new HeatmapSpec("H", "x", "y", AB, List.of("r1"), new double[][] {null}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H': row 'r1' has 0 values but there are 2 columns");
    }

    @Test
    void nonFiniteValuesAreRefusedNamingTheCell() {
        assertThatThrownBy(() -> new HeatmapSpec("H", "x", "y", AB, AB, new double[][] {{1, 2}, {Double.NaN, 4}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H': the value at row 'b', column 'a' is NaN, not a finite number");
        assertThatThrownBy(() ->
                        new HeatmapSpec("H", "x", "y", AB, AB, new double[][] {{1, Double.NEGATIVE_INFINITY}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H': the value at row 'a', column 'b' is -Infinity, not a finite number");
    }

    @Test
    void emptyMatricesAndNegativeCountsAreRefused() {
        assertThatThrownBy(() -> new HeatmapSpec("H", "x", "y", List.of(), List.of(), new double[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heatmap 'H' needs at least one row and one column, has 0 rows and 0 columns");
        assertThatThrownBy(() -> HeatmapSpec.confusion("CM", AB, new long[][] {{1, 0}, {-2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confusion matrix 'CM': the count at actual 1, predicted 0 is negative: -2");
    }

    @Test
    void neitherTheCallerNorAReaderCanChangeTheMatrixOrLabels() {
        double[][] values = {{1, 2}, {3, 4}};
        List<String> columns = new ArrayList<>(AB);
        HeatmapSpec h = new HeatmapSpec("H", "x", "y", columns, AB, values);

        values[0][0] = 99;
        values[1] = new double[] {0, 0};
        columns.set(0, "z");
        h.values()[1][1] = 99;

        assertThat(h.values()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(h.columns()).containsExactly("a", "b");
        assertThatThrownBy(() -> h.rows().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityComparesValuesNotArrayIdentity() {
        HeatmapSpec one = HeatmapSpec.confusion("CM", AB, new long[][] {{1, 0}, {2, 3}});
        HeatmapSpec same = new HeatmapSpec("CM", "predicted", "actual", AB, AB, new double[][] {{1, 0}, {2, 3}});
        HeatmapSpec other = HeatmapSpec.confusion("CM", AB, new long[][] {{1, 0}, {2, 4}});

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(one.toString()).contains("[[1.0, 0.0], [2.0, 3.0]]");
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertThatNullPointerException()
                .isThrownBy(() -> new HeatmapSpec(null, "x", "y", AB, AB, new double[2][2]))
                .withMessage("title");
        assertThatNullPointerException()
                .isThrownBy(() -> new HeatmapSpec("H", "x", "y", AB, AB, null))
                .withMessage("values");
        assertThatNullPointerException()
                .isThrownBy(() -> HeatmapSpec.confusion("CM", AB, null))
                .withMessage("counts");
    }
}
