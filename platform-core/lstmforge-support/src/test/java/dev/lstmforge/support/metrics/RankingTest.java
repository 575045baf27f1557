package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {

    // the 6-point example worked on paper:
    //   score  0.9 0.8 0.7 0.6 0.5 0.4
    //   label   T   F   T   T   F   F
    // ROC: positive 0.9 beats 3 negatives, 0.7 beats 2, 0.6 beats 2 -> 7 of 9 pairs
    // AP: positives enter at ranks 1, 3, 4 with precision 1, 2/3, 3/4 -> (1 + 2/3 + 3/4) / 3 = 29/36
    private static final double[] S6 = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
    private static final boolean[] L6 = {true, false, true, true, false, false};

    @Test
    void sixPointExampleComputedOnPaper() {
        assertThat(Ranking.rocAuc(S6, L6)).isCloseTo(7.0 / 9, within(1e-15));
        assertThat(Ranking.prAuc(S6, L6)).isCloseTo(29.0 / 36, within(1e-15));
        assertThat(Ranking.precisionAtK(S6, L6)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(Ranking.precisionAtK(S6, L6, 1)).isEqualTo(1.0);
        assertThat(Ranking.precisionAtK(S6, L6, 2)).isEqualTo(0.5);
        assertThat(Ranking.precisionAtK(S6, L6, 4)).isEqualTo(0.75);
    }

    @Test
    void resultsDoNotDependOnInputOrder() {
        double[] s = {0.6, 0.4, 0.9, 0.5, 0.8, 0.7};
        boolean[] l = {true, false, true, false, false, true};
        assertThat(Ranking.rocAuc(s, l)).isCloseTo(7.0 / 9, within(1e-15));
        assertThat(Ranking.prAuc(s, l)).isCloseTo(29.0 / 36, within(1e-15));
    }

    @Test
    void perfectReversedAndTiedRankings() {
        double[] s = {4, 3, 2, 1};
        assertThat(Ranking.rocAuc(s, new boolean[] {true, true, false, false})).isEqualTo(1.0);
        assertThat(Ranking.prAuc(s, new boolean[] {true, true, false, false})).isEqualTo(1.0);
        assertThat(Ranking.precisionAtK(s, new boolean[] {true, true, false, false}))
                .isEqualTo(1.0);
        assertThat(Ranking.rocAuc(s, new boolean[] {false, false, true, true})).isEqualTo(0.0);
        // reversed: positives enter at ranks 3 and 4 -> (1/3 + 2/4) / 2 = 5/12
        assertThat(Ranking.prAuc(s, new boolean[] {false, false, true, true})).isCloseTo(5.0 / 12, within(1e-15));
        double[] tied = {7, 7, 7, 7, 7};
        boolean[] l = {true, false, true, false, false};
        assertThat(Ranking.rocAuc(tied, l)).isEqualTo(0.5);
        assertThat(Ranking.prAuc(tied, l)).isCloseTo(0.4, within(1e-15)); // the prevalence
        assertThat(Ranking.precisionAtK(tied, l, 2)).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void partialTiesUseAverageRanksAndGroupedSteps() {
        // score 1 1 .5 .5 0 / label T F T F F
        // ROC: ascending average ranks 4.5 4.5 2.5 2.5 1; R+ = 7; U = 7 - 3 = 4; AUC = 4/6
        // AP: group {1}: P 1/2, R 1/2; group {.5}: P 2/4, R 1 -> 0.25 + 0.25
        // P@1 and P@3: the boundary group contributes its share of positives (1 of 2)
        double[] s = {1, 1, 0.5, 0.5, 0};
        boolean[] l = {true, false, true, false, false};
        assertThat(Ranking.rocAuc(s, l)).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(Ranking.prAuc(s, l)).isCloseTo(0.5, within(1e-15));
        assertThat(Ranking.precisionAtK(s, l, 1)).isCloseTo(0.5, within(1e-15));
        assertThat(Ranking.precisionAtK(s, l, 3)).isCloseTo(0.5, within(1e-15));
        assertThat(Ranking.precisionAtK(s, l, 2)).isCloseTo(0.5, within(1e-15));
        assertThat(Ranking.precisionAtK(s, l, 5)).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void rocAucMatchesPairCountingOnRandomData() {
        Random r = new Random(5);
        int n = 500;
        double[] s = new double[n];
        boolean[] l = new boolean[n];
        for (int i = 0; i < n; i++) {
            l[i] = r.nextDouble() < 0.2;
            s[i] = Math.round((r.nextGaussian() + (l[i] ? 1 : 0)) * 4) / 4.0; // many ties
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (l[i] && !l[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(Ranking.rocAuc(s, l)).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void undefinedCasesAndBadInput() {
        assertThat(Ranking.rocAuc(new double[] {1, 2}, new boolean[] {false, false}))
                .isNaN();
        assertThat(Ranking.rocAuc(new double[] {1, 2}, new boolean[] {true, true}))
                .isNaN();
        assertThat(Ranking.prAuc(new double[] {1, 2}, new boolean[] {false, false}))
                .isNaN();
        assertThat(Ranking.precisionAtK(new double[] {1, 2}, new boolean[] {false, false}))
                .isNaN();
        assertThat(Ranking.rocAuc(new double[] {Double.POSITIVE_INFINITY, 1}, new boolean[] {true, false}))
                .isEqualTo(1.0);
        assertThatThrownBy(() -> Ranking.rocAuc(new double[] {1, Double.NaN}, new boolean[2]))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("score 1 is NaN");
        assertThatThrownBy(() -> Ranking.prAuc(new double[1], new boolean[2])).hasMessageContaining("1 vs 2");
        assertThatThrownBy(() -> Ranking.precisionAtK(S6, L6, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ranking.precisionAtK(S6, L6, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void macroAveragesOneVsRestOverTheClassesWhereTheyAreDefined() {
        // class 0: 0.8 (its only positive) beats 0.3, 0.5, 0.6 -> AUC 1, AP 1
        // class 1: 0.6 beats 0.1, 0.2, 0.3 -> AUC 1, AP 1
        // class 2: positives 0.3 and 0.1, negatives 0.1 and 0.1 -> (2 + 2 * 0.5) / 4 = 3/4;
        //          AP: 0.3 alone (P 1, R 1/2), then the tie group of 0.1 (P 2/4, R 1) -> 1/2 + 1/4 = 3/4
        // class 3: never the actual class -> undefined and left out of the means
        double[][] p = {{0.8, 0.1, 0.1, 0.0}, {0.3, 0.6, 0.1, 0.0}, {0.5, 0.2, 0.3, 0.0}, {0.6, 0.3, 0.1, 0.0}};
        int[] actual = {0, 1, 2, 2};
        assertThat(Ranking.macroRocAuc(p, actual)).isCloseTo(11.0 / 12, within(1e-15));
        assertThat(Ranking.macroPrAuc(p, actual)).isCloseTo(11.0 / 12, within(1e-15));
        assertThat(Ranking.macroRocAuc(new double[0][], new int[0])).isNaN();
        assertThatThrownBy(() -> Ranking.macroRocAuc(p, new int[] {0, 1, 2, 4}))
                .isInstanceOf(DataException.class)
                .hasMessage("label 3 is class 4; classes run from 0 to 3");
        assertThatThrownBy(() -> Ranking.macroPrAuc(p, new int[] {0}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("4 vs 1");
    }
}
