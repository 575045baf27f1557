package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.sensor.data.SyntheticSensors.Injected;
import dev.lstmforge.plugins.sensor.data.SyntheticSensors.Kind;
import dev.lstmforge.plugins.sensor.data.SyntheticSensors.Result;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticSensorsTest {

    @Test
    void isDeterministicForASeed() {
        Result a = SyntheticSensors.generate(7, 5000, 3, 0.01);
        Result b = SyntheticSensors.generate(7, 5000, 3, 0.01);
        Result c = SyntheticSensors.generate(8, 5000, 3, 0.01);
        assertThat(a.series().values()).isDeepEqualTo(b.series().values());
        assertThat(a.series().labels()).containsExactly(b.series().labels());
        assertThat(a.injected()).isEqualTo(b.injected());
        assertThat(c.series().values()[100]).isNotEqualTo(a.series().values()[100]);
        assertThat(a.series().source()).isEqualTo("synthetic (seed 7)");
    }

    @Test
    void hasMinuteTimestampsFrom2024() {
        SensorSeries s = SyntheticSensors.generate(1, 100, 2, 0).series();
        assertThat(s.timestamp(0)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(s.timestamp(99)).isEqualTo(LocalDateTime.of(2024, 1, 1, 1, 39));
        assertThat(s.columns()).containsExactly("sensor0", "sensor1");
        assertThat(s.hasLabels()).isTrue();
        assertThat(s.labels()).doesNotContain(true);
    }

    @Test
    void labelsExactlyTheInjectedExtentsAtTheWantedFraction() {
        for (long seed = 0; seed < 5; seed++) {
            Result r = SyntheticSensors.generate(seed, 20_000, 4, 0.01);
            SensorSeries s = r.series();
            boolean[] expected = new boolean[s.rows()];
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (Injected in : r.injected()) {
                kinds.add(in.kind());
                assertThat(in.from()).isGreaterThanOrEqualTo(s.rows() / 5);
                assertThat(in.to()).isLessThanOrEqualTo(s.rows());
                assertThat(in.channel()).isBetween(0, 3);
                for (int t = in.from(); t < in.to(); t++) {
                    assertThat(expected[t]).as("segments do not overlap").isFalse();
                    expected[t] = true;
                }
            }
            assertThat(s.labels()).containsExactly(expected);
            assertThat(kinds).containsExactlyInAnyOrder(Kind.values());
            int labelled = r.injected().stream().mapToInt(Injected::length).sum();
            assertThat(labelled).isEqualTo(200);
        }
    }

    @Test
    void anomaliesChangeTheDataAsDescribed() {
        Result r = SyntheticSensors.generate(3, 20_000, 3, 0.02);
        SensorSeries s = r.series();
        for (Injected in : r.injected()) {
            int c = in.channel();
            if (in.kind() == Kind.STUCK) {
                double held = s.value(in.from() - 1, c);
                for (int t = in.from(); t < in.to(); t++) {
                    assertThat(s.value(t, c)).isEqualTo(held);
                }
            }
            if (in.kind() == Kind.SPIKE) {
                // a spike lies far from its neighbours before and after the segment
                double before = s.value(in.from() - 1, c);
                double after = in.to() < s.rows() ? s.value(in.to(), c) : before;
                double jump = Math.abs(s.value(in.from(), c) - before);
                assertThat(jump).isGreaterThan(3 * Math.abs(after - before));
            }
        }
    }

    @Test
    void channelsAreCorrelated() {
        double[][] v = SyntheticSensors.generate(11, 10_000, 3, 0).series().values();
        assertThat(Math.abs(correlation(v, 0, 1))).isGreaterThan(0.3);
        assertThat(Math.abs(correlation(v, 1, 2))).isGreaterThan(0.3);
    }

    @Test
    void smallSeriesAndZeroFractionWork() {
        Result r = SyntheticSensors.generate(5, 60, 1, 0.05);
        assertThat(r.injected().stream().mapToInt(Injected::length).sum()).isEqualTo(3);
        assertThat(SyntheticSensors.generate(5, 60, 1, 0).injected()).isEmpty();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> SyntheticSensors.generate(1, 1, 1, 0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows");
        assertThatThrownBy(() -> SyntheticSensors.generate(1, 100, 0, 0.01)).hasMessageContaining("channels");
        assertThatThrownBy(() -> SyntheticSensors.generate(1, 100, 1, 0.5)).hasMessageContaining("anomalyFraction");
    }

    private static double correlation(double[][] v, int a, int b) {
        int n = v.length;
        double ma = 0;
        double mb = 0;
        for (double[] row : v) {
            ma += row[a];
            mb += row[b];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] row : v) {
            sab += (row[a] - ma) * (row[b] - mb);
            saa += (row[a] - ma) * (row[a] - ma);
            sbb += (row[b] - mb) * (row[b] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
