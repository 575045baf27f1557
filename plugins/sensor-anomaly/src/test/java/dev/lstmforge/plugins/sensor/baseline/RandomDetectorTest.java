package dev.lstmforge.plugins.sensor.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.metrics.Ranking;
import org.junit.jupiter.api.Test;

class RandomDetectorTest {

    private static int count(boolean[] a) {
        int n = 0;
        for (boolean b : a) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    @Test
    void raisesExactlyTheRoundedNumberOfAlerts() {
        assertThat(count(RandomDetector.alerts(1000, 0.01, 1))).isEqualTo(10);
        assertThat(count(RandomDetector.alerts(5, 0.5, 1))).isEqualTo(3); // round(2.5) = 3
        assertThat(count(RandomDetector.alerts(7, 0.2, 1))).isEqualTo(1); // round(1.4) = 1
        assertThat(count(RandomDetector.alerts(10, 0, 1))).isZero();
        assertThat(count(RandomDetector.alerts(10, 1, 1))).isEqualTo(10);
        assertThat(RandomDetector.alerts(0, 0.5, 1)).isEmpty();
        for (long seed = 0; seed < 20; seed++) {
            assertThat(count(RandomDetector.alerts(333, 0.37, seed))).isEqualTo(123);
        }
    }

    @Test
    void isDeterministicAndSpreadsAlerts() {
        boolean[] a = RandomDetector.alerts(10_000, 0.1, 42);
        assertThat(a).containsExactly(RandomDetector.alerts(10_000, 0.1, 42));
        assertThat(a).isNotEqualTo(RandomDetector.alerts(10_000, 0.1, 43));
        int firstHalf = 0;
        for (int i = 0; i < 5000; i++) {
            if (a[i]) {
                firstHalf++;
            }
        }
        assertThat(firstHalf).isBetween(430, 570);
    }

    @Test
    void randomScoresHaveChanceLevelAuc() {
        boolean[] labels = RandomDetector.alerts(20_000, 0.05, 1);
        double[] scores = RandomDetector.scores(20_000, 2);
        for (double s : scores) {
            assertThat(s).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
        assertThat(Ranking.rocAuc(scores, labels)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> RandomDetector.alerts(-1, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDetector.alerts(10, 1.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDetector.alerts(10, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDetector.scores(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
