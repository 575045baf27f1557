package dev.lstmforge.support.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.TableScoring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierTableScoringTest {

    /** A classifier translator as the plugins declare it: nothing but the interface. */
    private static final ClassifierTableScoring SCORING = new ClassifierTableScoring() {
        @Override
        public void loadModelFiles(Path modelDir) {}
    };

    @Test
    void readsEveryClassOfTheSharedAnswerShape() {
        String answer = TopClasses.json(new float[] {0.1f, 0.7f, 0.2f}, List.of("zero", "one", "two"), 3)
                .toString();
        List<Object[]> rows = SCORING.scoreRows(answer, 1);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[0]).isEqualTo("one");
        assertThat((Double) rows.get(0)[1]).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-6));
        @SuppressWarnings("unchecked")
        Map<String, Double> all = (Map<String, Double>) rows.get(0)[2];
        assertThat(all.keySet()).containsExactly("one", "two", "zero");
        assertThat(all.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void asksForAllClassesAndScoresFiles() {
        assertThat(SCORING.scoringUnit()).isEqualTo(TableScoring.Unit.FILE);
        assertThat(SCORING.scoringProperties()).containsEntry(TopClasses.PROPERTY, String.valueOf(Integer.MAX_VALUE));
        assertThat(SCORING.scoreColumns())
                .extracting(TableScoring.ScoreColumn::name)
                .containsExactly("label", "probability", "probabilities");
    }

    @Test
    void refusesAnAnswerOfAnotherShape() {
        assertThatThrownBy(() -> SCORING.scoreRows("{\"forecast\": []}", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a classifier answer needs 'label', 'probability' and 'top'");
    }
}
