package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // actual     a a a b b c c c c
    // predicted  a a b b c c c c c
    //            rows = actual:   a: 2 1 0   b: 0 1 1   c: 0 0 4
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 1, 2, 2, 2, 2, 2};
    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void countsAndPerClassRatesWorkedOnPaper() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, ABC);
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(1, 2)).isEqualTo(1);
        assertThat(m.count(2, 2)).isEqualTo(4);
        assertThat(m.total()).isEqualTo(9);
        assertThat(m.support(2)).isEqualTo(4);
        assertThat(m.predicted(2)).isEqualTo(5);
        assertThat(m.accuracy()).isCloseTo(7.0 / 9, within(1e-15));
        // precision a 2/2, b 1/2, c 4/5; recall a 2/3, b 1/2, c 4/4; F1 a 4/5, b 1/2, c 8/9
        assertThat(m.precision(0)).isEqualTo(1.0);
        assertThat(m.precision(2)).isCloseTo(0.8, within(1e-15));
        assertThat(m.recall(0)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.f1(0)).isCloseTo(0.8, within(1e-15));
        assertThat(m.f1(2)).isCloseTo(8.0 / 9, within(1e-15));
        assertThat(m.oneVsRest(1)).isEqualTo(new Confusion(1, 1, 6, 1));
    }

    @Test
    void macroAveragesAndGMean() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, ABC);
        assertThat(m.macroPrecision()).isCloseTo(23.0 / 30, within(1e-15)); // (1 + 1/2 + 4/5) / 3
        assertThat(m.macroRecall()).isCloseTo(13.0 / 18, within(1e-15)); // (2/3 + 1/2 + 1) / 3
        assertThat(m.macroF1()).isCloseTo(197.0 / 270, within(1e-15)); // (4/5 + 1/2 + 8/9) / 3
        assertThat(m.gMean()).isCloseTo(Math.cbrt(1.0 / 3), within(1e-15)); // (2/3 * 1/2 * 1)^(1/3)
        // a fourth class that never occurs and is never predicted changes none of them
        ConfusionMatrix withD = ConfusionMatrix.of(PREDICTED, ACTUAL, List.of("a", "b", "c", "d"));
        assertThat(withD.macroF1()).isEqualTo(m.macroF1());
        assertThat(withD.gMean()).isEqualTo(m.gMean());
        // one class never recognised: G-Mean 0 although accuracy stays high
        ConfusionMatrix blind = ConfusionMatrix.of(new int[] {0, 0, 0, 0, 0}, new int[] {0, 0, 0, 0, 1}, 2);
        assertThat(blind.accuracy()).isEqualTo(0.8);
        assertThat(blind.gMean()).isZero();
    }

    @Test
    void twoClassesAgreeWithTheBinaryConfusion() {
        boolean[] predicted = {true, true, false, false, true, false, false};
        boolean[] actual = {true, false, true, false, true, false, false};
        int[] p = new int[predicted.length];
        int[] a = new int[actual.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = predicted[i] ? 1 : 0;
            a[i] = actual[i] ? 1 : 0;
        }
        Confusion binary = Confusion.of(predicted, actual);
        ConfusionMatrix m = ConfusionMatrix.of(p, a, List.of("normal", "anomaly"));
        assertThat(m.oneVsRest(1)).isEqualTo(binary);
        assertThat(m.gMean()).isCloseTo(binary.gMean(), within(1e-15));
        assertThat(m.accuracy()).isCloseTo(binary.accuracy(), within(1e-15));
    }

    @Test
    void metricNamesAreSnakeCase() {
        ConfusionMatrix m =
                ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, 1, 1}, List.of("Jumping Jack", "wave!", "WAVE"));
        assertThat(m.metrics().keySet())
                .containsExactly(
                        "accuracy",
                        "macro_precision",
                        "macro_recall",
                        "macro_f1",
                        "g_mean",
                        "precision_jumping_jack",
                        "recall_jumping_jack",
                        "f1_jumping_jack",
                        "precision_wave",
                        "recall_wave",
                        "f1_wave",
                        "precision_2",
                        "recall_2",
                        "f1_2");
        assertThat(m.metrics()).containsEntry("accuracy", 2.0 / 3).containsEntry("f1_jumping_jack", 1.0);
        assertThat(ConfusionMatrix.snake("  Brush hair (left) ")).isEqualTo("brush_hair_left");
    }

    @Test
    void tableShowsCountsAndRecall() {
        String t = ConfusionMatrix.of(PREDICTED, ACTUAL, ABC).table();
        assertThat(t.lines().toList())
                .containsExactly(
                        "actual/predicted      a      b      c recall",
                        "a                     2      1      0  0.667",
                        "b                     0      1      1  0.500",
                        "c                     0      0      4  1.000");
    }

    @Test
    void poolsAndRejectsBadInput() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, ABC);
        ConfusionMatrix twice = m.plus(m);
        assertThat(twice.count(2, 2)).isEqualTo(8);
        assertThat(twice.accuracy()).isEqualTo(m.accuracy());
        assertThat(ConfusionMatrix.fromCounts(ABC, new long[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 4}}))
                .isEqualTo(m);
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, ABC))
                .isInstanceOf(DataException.class)
                .hasMessage("predicted label 1 is class 3; classes run from 0 to 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, ABC))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("1 vs 2");
        assertThatThrownBy(() -> m.plus(ConfusionMatrix.of(PREDICTED, ACTUAL, 3)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("different classes");
        assertThatThrownBy(() -> ConfusionMatrix.fromCounts(ABC, new long[][] {{1, 2}, {3, 4}}))
                .isInstanceOf(DataException.class);
    }
}
