package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void percentileInterpolatesLinearlyBetweenClosestRanks() {
        double[] x = {4, 1, 3, 2}; // unsorted on purpose
        assertThat(Thresholds.percentile(x, 0)).isEqualTo(1);
        assertThat(Thresholds.percentile(x, 100)).isEqualTo(4);
        assertThat(Thresholds.percentile(x, 50)).isEqualTo(2.5); // h = 1.5
        assertThat(Thresholds.percentile(x, 25)).isEqualTo(1.75); // h = 0.75
        assertThat(x).containsExactly(4, 1, 3, 2);
        assertThat(Thresholds.percentile(new double[] {10, 20, 30, 40, 50}, 90))
                .isCloseTo(46, within(1e-12)); // h = 3.6
        assertThat(Thresholds.percentile(new double[] {7}, 99)).isEqualTo(7);
        assertThat(Thresholds.percentile(new double[] {1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, 75))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Thresholds.percentile(x, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Thresholds.percentile(new double[0], 5)).isInstanceOf(DataException.class);
    }

    @Test
    void bestF1OnTheSixPointExample() {
        // cuts 0.9 .. 0.4 give F1 1/2, 2/5, 2/3, 6/7, 3/4, 2/3 -> best at 0.6
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        boolean[] l = {true, false, true, true, false, false};
        Thresholds.Best best = Thresholds.bestF1(s, l);
        assertThat(best.threshold()).isEqualTo(0.6);
        assertThat(best.f1()).isCloseTo(6.0 / 7, within(1e-15));
        assertThat(best.precision()).isEqualTo(0.75);
        assertThat(best.recall()).isEqualTo(1.0);
        assertThat(best.confusion()).isEqualTo(new Confusion(3, 1, 2, 0));
        assertThat(Confusion.of(Thresholds.apply(s, best.threshold()), l)).isEqualTo(best.confusion());
    }

    @Test
    void bestF1HandlesTiesAndPrefersTheHigherThreshold() {
        Thresholds.Best tied = Thresholds.bestF1(new double[] {1, 1, 0}, new boolean[] {true, false, false});
        assertThat(tied.threshold()).isEqualTo(1);
        assertThat(tied.f1()).isCloseTo(2.0 / 3, within(1e-15));
        // F1 2/3 both at cut 4 (1 alert) and at cut 1 (4 alerts): the higher cut wins
        Thresholds.Best equal = Thresholds.bestF1(new double[] {4, 3, 2, 1}, new boolean[] {true, false, false, true});
        assertThat(equal.threshold()).isEqualTo(4);
        Thresholds.Best none = Thresholds.bestF1(new double[] {1, 2}, new boolean[] {false, false});
        assertThat(none.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(none.f1()).isZero();
        assertThat(none.confusion()).isEqualTo(new Confusion(0, 0, 2, 0));
    }

    @Test
    void bestF1MatchesBruteForce() {
        Random r = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + r.nextInt(100);
            double[] s = new double[n];
            boolean[] l = new boolean[n];
            for (int i = 0; i < n; i++) {
                l[i] = r.nextDouble() < 0.15;
                s[i] = r.nextInt(30) + (l[i] ? r.nextInt(10) : 0);
            }
            double bestBrute = 0;
            for (double t : s) {
                bestBrute = Math.max(
                        bestBrute, Confusion.of(Thresholds.apply(s, t), l).f1());
            }
            Thresholds.Best best = Thresholds.bestF1(s, l);
            assertThat(best.f1()).isCloseTo(bestBrute, within(1e-12));
            if (best.f1() > 0) {
                assertThat(Confusion.of(Thresholds.apply(s, best.threshold()), l)
                                .f1())
                        .isCloseTo(bestBrute, within(1e-12));
            }
        }
    }

    @Test
    void gMeanSearchPrefersBalancedRecallWhereF1PrefersPrecision() {
        // 2 positives among 10; by cut: 10 -> tp 1, fp 0: F1 2/3, G sqrt(1/2 * 1)
        //                                 6 -> tp 2, fp 3: F1 4/7, G sqrt(1 * 5/8)
        double[] s = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        boolean[] l = {true, false, false, false, true, false, false, false, false, false};
        Thresholds.Best f1 = Thresholds.bestF1(s, l);
        assertThat(f1.threshold()).isEqualTo(10);
        assertThat(f1.value()).isCloseTo(2.0 / 3, within(1e-15));
        Thresholds.Best g = Thresholds.bestGMean(s, l);
        assertThat(g.threshold()).isEqualTo(6);
        assertThat(g.value()).isCloseTo(Math.sqrt(5.0 / 8), within(1e-15));
        assertThat(g.confusion()).isEqualTo(new Confusion(2, 3, 5, 0));
        // any criterion: for accuracy, flagging only the top score gets 9 of 10 right (nothing flagged: 8)
        Thresholds.Best acc = Thresholds.search(s, l, Confusion::accuracy);
        assertThat(acc.threshold()).isEqualTo(10);
        assertThat(acc.value()).isCloseTo(0.9, within(1e-15));
        assertThatThrownBy(() -> Thresholds.bestGMean(new double[] {Double.NaN}, new boolean[1]))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("score 0 is NaN");
    }
}
