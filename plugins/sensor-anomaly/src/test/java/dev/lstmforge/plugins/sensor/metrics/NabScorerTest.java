package dev.lstmforge.plugins.sensor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.NabLabels.Window;
import dev.lstmforge.plugins.sensor.data.SensorCsvReader;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.TestData;
import dev.lstmforge.support.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {

    private static final long MIN = 60_000L;

    /** Rows 0..n-1, one per minute from time 0. */
    private static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MIN;
        }
        return t;
    }

    private static Window rows(int from, int to) {
        return new Window(from * MIN, to * MIN);
    }

    private static boolean[] alertsAt(int n, int... rows) {
        boolean[] a = new boolean[n];
        for (int r : rows) {
            a[r] = true;
        }
        return a;
    }

    @Test
    void scaledSigmoidValues() {
        assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0)).isEqualTo(0.0);
        assertThat(NabScorer.scaledSigmoid(1)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3)).isEqualTo(-1.0);
        assertThat(NabScorer.nabProbationRows(1000)).isEqualTo(150);
        assertThat(NabScorer.nabProbationRows(10_320)).isEqualTo(750);
    }

    @Test
    void noDetectionsScoreZero() {
        NabScorer.Result r = NabScorer.score(minutes(20), new boolean[20], List.of(rows(5, 9)));
        assertThat(r.raw()).isEqualTo(-1.0);
        assertThat(r.normalized()).isEqualTo(0.0);
        assertThat(r.tp()).isZero();
        assertThat(r.fn()).isEqualTo(1);
        assertThat(r.fp()).isZero();
        assertThat(r.windows()).isEqualTo(1);
    }

    @Test
    void anAlertAtEachWindowStartScoresHundred() {
        List<Window> w = List.of(rows(5, 9), rows(14, 15), rows(30, 39));
        NabScorer.Result r = NabScorer.score(minutes(50), alertsAt(50, 5, 14, 30), w);
        assertThat(r.raw()).isCloseTo(3.0, within(1e-12));
        assertThat(r.normalized()).isCloseTo(100.0, within(1e-9));
        assertThat(r.tp()).isEqualTo(3);
        assertThat(r.nullScore()).isEqualTo(-3.0);
        assertThat(r.perfectScore()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void handComputedSingleWindowCase() {
        // window rows 5..9 (W = 5); alert at 7: y = -(9 - 7 + 1) / 5 = -0.6,
        //   sigma(-0.6) = 2 / (1 + e^-3) - 1 = 0.905148, / sigma(-1) = 0.986614 -> +0.917429
        // alert at 12: y = (12 - 9) / (5 - 1) = 0.75, sigma(0.75) = 2 / (1 + e^3.75) - 1 = -0.954045,
        //   * 0.11 -> -0.104945
        // raw = 0.812484; normalised = 100 * (0.812484 + 1) / (1 + 1) = 90.624
        NabScorer.Result r = NabScorer.score(minutes(20), alertsAt(20, 7, 8, 12), List.of(rows(5, 9)));
        assertThat(r.raw()).isCloseTo(0.812484, within(1e-6));
        assertThat(r.normalized()).isCloseTo(90.624, within(1e-3));
        assertThat(r.tp()).isEqualTo(1);
        assertThat(r.fp()).isEqualTo(1);
        assertThat(r.fn()).isZero();
    }

    @Test
    void handComputedTwoWindowCase() {
        // windows rows 5..9 (W 5) and 14..15 (W 2); alerts at 2, 8, 9, 11, 15, 19
        //   row 2: before any window -> -0.11
        //   rows 8, 9: only the earliest counts: y = -2/5 -> sigma 0.761594 / 0.986614 = +0.771927
        //   row 11: y = (11 - 9) / 4 = 0.5 -> 0.11 * sigma(0.5) = 0.11 * -0.848284 = -0.093311
        //   row 15: y = -1/2 -> 0.848284 / 0.986614 = +0.859793
        //   row 19: y = (19 - 15) / (2 - 1) = 4 >= 3 -> -0.11
        // raw = 1.318408; null = -2, perfect = 2 -> normalised = 100 * 3.318408 / 4 = 82.960
        NabScorer.Result r =
                NabScorer.score(minutes(20), alertsAt(20, 2, 8, 9, 11, 15, 19), List.of(rows(14, 15), rows(5, 9)));
        assertThat(r.raw()).isCloseTo(1.318408, within(1e-6));
        assertThat(r.normalized()).isCloseTo(82.960, within(1e-3));
        assertThat(r.tp()).isEqualTo(2);
        assertThat(r.fp()).isEqualTo(3);
    }

    @Test
    void poolsSeriesLikeNabsCorpusTotalAndTurnsPointLabelsIntoWindows() {
        // the two cases above: raw 0.812484 + 1.318408, null -1 - 2, perfect 1 + 2
        // -> 100 * (2.130892 + 3) / (3 + 3) = 85.5149
        NabScorer.Result one = NabScorer.score(minutes(20), alertsAt(20, 7, 8, 12), List.of(rows(5, 9)));
        NabScorer.Result two =
                NabScorer.score(minutes(20), alertsAt(20, 2, 8, 9, 11, 15, 19), List.of(rows(14, 15), rows(5, 9)));
        assertThat(NabScorer.pooled(List.of(one, two))).isCloseTo(85.5149, within(1e-3));
        assertThat(NabScorer.pooled(List.of())).isNaN();
        boolean[] labels = alertsAt(10, 2, 3, 4, 7);
        assertThat(NabScorer.windowsOf(minutes(10), labels)).containsExactly(rows(2, 4), rows(7, 7));
        assertThat(NabScorer.windowsOf(minutes(3), alertsAt(3, 0, 1, 2))).containsExactly(rows(0, 2));
    }

    @Test
    void alertingOnEveryRowScoresNegative() {
        NabScorer.Result r = NabScorer.score(minutes(1000), alertsAt(1000, range(0, 1000)), List.of(rows(400, 409)));
        assertThat(r.tp()).isEqualTo(1);
        assertThat(r.fp()).isEqualTo(990);
        assertThat(r.normalized()).isNegative();
    }

    @Test
    void probationIgnoresEarlyAlertsAndWindows() {
        List<Window> w = List.of(rows(2, 4), rows(50, 59));
        boolean[] a = alertsAt(100, 1, 3, 50);
        NabScorer.Result none = NabScorer.score(minutes(100), a, w, NabScorer.Profile.STANDARD, 15);
        // window 2..4 ends inside the probation: not scored; alerts at 1 and 3 ignored
        assertThat(none.windows()).isEqualTo(1);
        assertThat(none.fp()).isZero();
        assertThat(none.normalized()).isCloseTo(100, within(1e-9));
        NabScorer.Result without = NabScorer.score(minutes(100), a, w);
        assertThat(without.windows()).isEqualTo(2);
        assertThat(without.fp()).isEqualTo(1);
    }

    @Test
    void windowsWithoutRowsAreLeftOutAndBadInputIsRejected() {
        NabScorer.Result r = NabScorer.score(minutes(10), new boolean[10], List.of(new Window(100 * MIN, 120 * MIN)));
        assertThat(r.windows()).isZero();
        assertThat(r.normalized()).isNaN();
        assertThatThrownBy(() -> NabScorer.score(minutes(10), new boolean[10], List.of(rows(1, 5), rows(4, 6))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> NabScorer.score(minutes(10), new boolean[9], List.of()))
                .hasMessageContaining("10 timestamps but 9 flags");
        assertThatThrownBy(() -> NabScorer.score(new long[] {0, 0}, new boolean[2], List.of()))
                .hasMessageContaining("strictly increasing");
    }

    @Test
    void realNycTaxiWindows() {
        NabLabels labels = NabLabels.read(TestData.nab("combined_windows.json"));
        SensorSeries s = SensorCsvReader.read(TestData.nab("nyc_taxi.csv"));
        List<Window> w = labels.windows("nyc_taxi.csv");
        long[] t = s.epochMillis();
        boolean[] perfect = new boolean[t.length];
        for (Window win : w) {
            for (int i = 0; i < t.length; i++) {
                if (t[i] >= win.startMillis()) {
                    perfect[i] = true;
                    break;
                }
            }
        }
        assertThat(NabScorer.score(t, perfect, w).normalized()).isCloseTo(100, within(1e-9));
        assertThat(NabScorer.score(t, new boolean[t.length], w).normalized()).isZero();
        boolean[] all = new boolean[t.length];
        java.util.Arrays.fill(all, true);
        assertThat(NabScorer.score(t, all, w).normalized()).isNegative();
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
