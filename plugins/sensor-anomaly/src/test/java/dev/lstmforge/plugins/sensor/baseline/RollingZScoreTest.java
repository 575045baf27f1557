package dev.lstmforge.plugins.sensor.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.sensor.data.SyntheticSensors;
import dev.lstmforge.support.DataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingZScoreTest {

    @Test
    void handComputedExample() {
        // history 1, 2, 3, 4: mean 2.5, population variance 1.25 -> |10 - 2.5| / sqrt(1.25)
        double[] z = RollingZScore.scores(new double[] {1, 2, 3, 4, 10, 2.5}, 4);
        assertThat(z[0]).isZero();
        assertThat(z[3]).isZero();
        assertThat(z[4]).isCloseTo(7.5 / Math.sqrt(1.25), within(1e-12));
        // history 2, 3, 4, 10: mean 4.75, variance (7.5625 + 3.0625 + 0.5625 + 27.5625) / 4
        assertThat(z[5]).isCloseTo(2.25 / Math.sqrt(38.75 / 4), within(1e-12));
    }

    @Test
    void matchesTheDirectDefinitionOnALongOffsetSeries() {
        Random r = new Random(3);
        int n = 20_000;
        int w = 50;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e6 + Math.sin(i / 200.0) * 10 + r.nextGaussian();
        }
        double[] z = RollingZScore.scores(x, w);
        for (int i = w; i < n; i += 97) {
            double mean = 0;
            for (int q = i - w; q < i; q++) {
                mean += x[q];
            }
            mean /= w;
            double var = 0;
            for (int q = i - w; q < i; q++) {
                var += (x[q] - mean) * (x[q] - mean);
            }
            double expected = Math.abs(x[i] - mean) / Math.sqrt(var / w);
            assertThat(z[i]).isCloseTo(expected, within(1e-6 * (1 + expected)));
        }
    }

    @Test
    void flatHistory() {
        double[] z = RollingZScore.scores(new double[] {5, 5, 5, 5, 5, 6}, 3);
        assertThat(z[3]).isZero();
        assertThat(z[4]).isZero();
        assertThat(z[5]).isCloseTo(1 / 5e-12, within(1e3));
    }

    @Test
    void shortSeriesScoreZero() {
        assertThat(RollingZScore.scores(new double[] {1, 9, 3}, 5)).containsExactly(0, 0, 0);
        assertThat(RollingZScore.scores(new double[0], 5)).isEmpty();
    }

    @Test
    void multivariateTakesTheLargestColumnScore() {
        double[][] v = {{1, 0}, {2, 0}, {3, 1}, {4, 0}, {10, 0}, {2.5, 5}};
        double[] a = RollingZScore.scores(new double[] {1, 2, 3, 4, 10, 2.5}, 4);
        double[] b = RollingZScore.scores(new double[] {0, 0, 1, 0, 0, 5}, 4);
        double[] m = RollingZScore.scores(v, 4);
        for (int i = 0; i < v.length; i++) {
            assertThat(m[i]).isEqualTo(Math.max(a[i], b[i]));
        }
    }

    @Test
    void spikesOfSyntheticDataScoreHigh() {
        SyntheticSensors.Result r = SyntheticSensors.generate(21, 20_000, 3, 0.02);
        double[] z = RollingZScore.scores(r.series().values(), 60);
        for (SyntheticSensors.Injected in : r.injected()) {
            if (in.kind() == SyntheticSensors.Kind.SPIKE) {
                assertThat(z[in.from()]).as("spike at %d", in.from()).isGreaterThan(5);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> RollingZScore.scores(new double[] {1, 2}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> RollingZScore.scores(new double[] {1, Double.NaN}, 2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> RollingZScore.scores(new double[][] {{1, 2}, {Double.NaN, 1}}, 2))
                .hasMessageContaining("column 0, row 1");
    }
}
