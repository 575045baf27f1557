package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.Evaluation;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {

    /** 40 items: both right on 20, model alone on {@code modelOnly}, baseline alone on {@code baselineOnly}. */
    private static int[][] items(int modelOnly, int baselineOnly) {
        int n = 40;
        int[] actual = new int[n];
        int[] model = new int[n];
        int[] baseline = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % 3;
            boolean m = i < 20 || (i < 20 + modelOnly);
            boolean b = i < 20 || (i >= 20 + modelOnly && i < 20 + modelOnly + baselineOnly);
            model[i] = m ? actual[i] : (actual[i] + 1) % 3;
            baseline[i] = b ? actual[i] : (actual[i] + 2) % 3;
        }
        return new int[][] {model, baseline, actual};
    }

    @Test
    void aClearLeadOnTheDiscordantItemsBeats() {
        int[][] x = items(12, 3);
        BaselineComparison c = BaselineComparison.of("DTW template baseline", "dtw_baseline", x[0], x[1], x[2]);
        assertThat(c.modelOnly()).isEqualTo(12);
        assertThat(c.baselineOnly()).isEqualTo(3);
        assertThat(c.baselineAccuracy()).isEqualTo(23.0 / 40);
        assertThat(c.beats()).isTrue();
        assertThat(c.worse()).isFalse();
        assertThat(c.verdict())
                .startsWith("beats the DTW template baseline (57.5%)")
                .contains("p = 0.018");
        Evaluation.Builder b = Evaluation.builder();
        c.addTo(b);
        Evaluation e = b.summary("s").build();
        assertThat(e.metrics()).containsEntry("dtw_baseline_accuracy", 23.0 / 40);
        assertThat(e.metrics().get("p_value_vs_dtw_baseline")).isLessThan(0.05);
    }

    @Test
    void aSmallLeadIsNotABeatAndTheReverseLeadIsWorse() {
        int[][] tie = items(6, 4);
        BaselineComparison c = BaselineComparison.of("b", "b", tie[0], tie[1], tie[2]);
        assertThat(c.beats()).isFalse();
        assertThat(c.worse()).isFalse();
        assertThat(c.verdict()).startsWith("is NOT significantly better than the b");
        int[][] lose = items(2, 14);
        BaselineComparison w = BaselineComparison.of("b", "b", lose[0], lose[1], lose[2]);
        assertThat(w.worse()).isTrue();
        assertThat(w.verdict()).startsWith("is significantly WORSE than the b");
    }

    @Test
    void rejectsMismatchedArrays() {
        assertThatThrownBy(() -> BaselineComparison.of("b", "b", new int[2], new int[3], new int[2]))
                .hasMessageContaining("2, 3 and 2");
    }
}
