package dev.lstmforge.plugins.sensor.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.sensor.data.NabLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headline metrics, on a detector that point adjustment flatters. */
class AnomalyEvaluatorTest {

    private static final long MIN = 60_000L;

    @Test
    void headlinesUnadjustedScoresAndLabelsPointAdjustmentLast() {
        // 100 rows, rows 40..59 labelled; alerts at row 40 (inside) and at 0, 2, ..., 36 (19 false, isolated)
        int n = 100;
        boolean[] labels = new boolean[n];
        boolean[] alerts = new boolean[n];
        double[] scores = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i >= 40 && i < 60;
            alerts[i] = i == 40 || (i < 37 && i % 2 == 0);
            scores[i] = alerts[i] ? 1 : 0;
            times[i] = i * MIN;
        }
        List<NabLabels.Window> windows = List.of(new NabLabels.Window(40 * MIN, 59 * MIN));
        Map<String, Double> m = AnomalyEvaluator.detector(scores, alerts, labels, true, times, windows);

        assertThat(m.keySet())
                .containsExactly(
                        "f1",
                        "event_f1",
                        "roc_auc",
                        "pr_auc",
                        "nab_score",
                        "precision",
                        "recall",
                        "g_mean",
                        "event_precision",
                        "event_recall",
                        "precision_at_k",
                        "point_adjusted_f1",
                        "alert_rate");
        // point-wise: tp 1, fp 19, fn 19 -> 2 / 40
        assertThat(m.get("f1")).isCloseTo(0.05, within(1e-15));
        // events: the one incident is found (recall 1), 1 of 20 pages is right (precision 1/20) -> F1 2/21
        assertThat(m.get("event_f1")).isCloseTo(2.0 / 21, within(1e-15));
        // ROC: the positive scoring 1 beats 61 negatives and ties 19; the 19 scoring 0 tie 61 each
        //      -> (61 + 9.5 + 19 * 30.5) / (20 * 80) = 650 / 1600
        assertThat(m.get("roc_auc")).isCloseTo(0.40625, within(1e-15));
        // AP: score 1 (1 of 20 positive): 1/20 * 1/20; score 0: 19/20 * 20/100 -> 0.1925
        assertThat(m.get("pr_auc")).isCloseTo(0.1925, within(1e-15));
        // NAB: 19 false alarms before the window, -0.11 each; the alarm at its first row +1
        //      -> raw -1.09, null -1, perfect 1 -> 100 * (-0.09) / 2
        assertThat(m.get("nab_score")).isCloseTo(-4.5, within(1e-9));
        assertThat(m.get("g_mean")).isCloseTo(Math.sqrt(0.05 * 61 / 80), within(1e-15));
        assertThat(m.get("precision_at_k")).isCloseTo(0.05, within(1e-15));
        assertThat(m.get("alert_rate")).isCloseTo(0.2, within(1e-15));
        // point adjustment credits the whole segment for one alert: tp 20, fp 19, fn 0 -> 40 / 59
        assertThat(m.get("point_adjusted_f1")).isCloseTo(40.0 / 59, within(1e-15));
        assertThat(m.get("point_adjusted_f1")).isGreaterThan(10 * m.get("f1"));
    }

    @Test
    void withoutLabelsOnlyTheAlertRate() {
        Map<String, Double> m = AnomalyEvaluator.detector(
                new double[] {0, 1},
                new boolean[] {false, true},
                new boolean[2],
                false,
                new long[] {0, MIN},
                List.of());
        assertThat(m).containsExactly(Map.entry("alert_rate", 0.5));
    }

    @Test
    void pagesOncePerRunOfAlerts() {
        assertThat(AnomalyEvaluator.risingEdges(new boolean[] {true, true, false, true, false, false, true}))
                .containsExactly(true, false, false, true, false, false, true);
    }
}
