package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.spi.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierScoreTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void aPerfectClassifierOnManyItemsBeatsTheBaseline() {
        int[] actual = new int[60];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = i % 3;
        }
        ClassifierScore s = ClassifierScore.of(actual.clone(), actual, ABC, new int[] {10, 30, 10});
        assertThat(s.accuracy()).isEqualTo(1.0);
        // the majority class in training is b, a third of the test items
        assertThat(s.majorityBaseline()).isCloseTo(1.0 / 3, within(1e-12));
        // P(X >= 60) for X ~ Bin(60, 1/3)
        assertThat(s.pValue()).isCloseTo(Math.pow(1.0 / 3, 60), within(1e-30));
        assertThat(s.beatsBaseline()).isTrue();
        assertThat(s.verdict()).startsWith("beats the majority-class baseline (33.3%)");
    }

    @Test
    void answeringTheMajorityClassDoesNotBeatIt() {
        int[] actual = {1, 1, 1, 0, 2, 1, 1, 0};
        int[] predicted = {1, 1, 1, 1, 1, 1, 1, 1};
        ClassifierScore s = ClassifierScore.of(predicted, actual, ABC, new int[] {1, 5, 1});
        assertThat(s.accuracy()).isEqualTo(s.majorityBaseline()).isEqualTo(5.0 / 8);
        assertThat(s.beatsBaseline()).isFalse();
        assertThat(s.verdict()).startsWith("is NOT significantly better");
    }

    @Test
    void addsMetricsTableAndHeatmap() {
        ClassifierScore s = ClassifierScore.of(new int[] {0, 2, 1}, new int[] {0, 1, 1}, ABC, new int[] {1, 1, 1});
        Evaluation.Builder b = Evaluation.builder();
        s.addTo(b, "clips", "title");
        b.summary("x");
        Evaluation e = b.build();
        assertThat(e.metrics()).containsEntry("test_clips", 3.0).containsKeys("accuracy", "macro_f1");
        assertThat(e.metrics().get("accuracy")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.heatmaps()).hasSize(1);
        assertThat(e.heatmaps().get(0).title()).isEqualTo("title");
    }

    @Test
    void refusesMismatchedInputs() {
        assertThatThrownBy(() -> ClassifierScore.of(new int[] {0}, new int[] {0, 1}, ABC, new int[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassifierScore.of(new int[] {0}, new int[] {0}, ABC, new int[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
