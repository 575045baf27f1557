package dev.lstmforge.plugins.stock.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.Representation;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.plugins.stock.translator.Forecaster;
import dev.lstmforge.plugins.stock.translator.WindowPredictor;
import dev.lstmforge.spi.Evaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation's metrics, verdicts and multi-step scoring with stand-in networks on a straight line. */
class StockEvaluatorTest {

    private static final int WINDOW = 5;

    /** Close = 100 + i on consecutive days: persistence is off by exactly k after k days. */
    private static FeatureMatrix line(int rows) {
        List<LocalDate> dates = new ArrayList<>();
        double[][] values = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            dates.add(LocalDate.of(2020, 1, 1).plusDays(i));
            values[i][0] = 100 + i;
        }
        return FeatureMatrix.of("line.csv", List.of(Feature.CLOSE), dates, values);
    }

    private static WindowEncoder encoder(FeatureMatrix m) {
        return WindowEncoder.fit(m, List.of(Feature.CLOSE), Representation.WINDOW_NORMALISED, WINDOW, 60);
    }

    /** Always predicts "no change" (0 in the window-normalised target): the persistence forecast. */
    private static WindowPredictor persistence() {
        return (windows, count) -> new float[count];
    }

    /** Extends the last day-to-day change: exact on a straight line. */
    private static WindowPredictor trend(WindowEncoder enc) {
        return (windows, count) -> {
            float[] y = new float[count];
            for (int i = 0; i < count; i++) {
                // the second-to-last day of the window is encoded as close[L-1] / close[L] - 1 = -1 / close[L]
                double previous = windows[i * WINDOW + WINDOW - 2];
                y[i] = (float) (-previous / enc.returnScale());
            }
            return y;
        };
    }

    @Test
    void aPersistenceModelIsOnParAtEveryStep() {
        FeatureMatrix m = line(160);
        WindowEncoder enc = encoder(m);
        List<String> warnings = new ArrayList<>();
        Evaluation ev = StockEvaluator.evaluate(m, new Forecaster(enc, persistence()), 100, 160, 4, "w", warnings::add);
        Map<String, Double> x = ev.metrics();

        assertThat(warnings).isEmpty();
        assertThat(x.get("count")).isEqualTo(60.0);
        assertThat(x.get("rmse")).isCloseTo(1.0, within(1e-9));
        assertThat(x.get("persistence_rmse")).isEqualTo(1.0);
        assertThat(x.get("dm_statistic")).isZero();
        assertThat(x.get("dm_p_value")).isEqualTo(1.0);
        assertThat(x.get("multistep_horizon")).isEqualTo(4.0);
        for (int k = 1; k <= 4; k++) {
            assertThat(x.get("persistence_rmse_step_" + k)).isCloseTo(k, within(1e-12));
            assertThat(x.get("rmse_step_" + k)).isCloseTo(k, within(1e-9));
        }
        assertThat(x).doesNotContainKey("rmse_step_5");
        assertThat(ev.summary())
                .contains("the model is on par with the naive forecast")
                .contains("Diebold-Mariano p = 1.000");
        // a flat forecast says "no move", which is wrong on every day of a rising line
        assertThat(x.get("directional_accuracy")).isZero();
        assertThat(x.get("always_up_accuracy")).isEqualTo(1.0);
        assertThat(ev.summary()).contains("worse than always-up");
        assertThat(ev.sections().get("Multi-step RMSE by step"))
                .contains("   1       60      1.0000        1.0000   1.000")
                .contains("   4       57      4.0000        4.0000   1.000");
    }

    @Test
    void aModelThatKnowsTheTrendBeatsPersistenceAtEveryStepOverEveryOrigin() {
        FeatureMatrix m = line(160);
        WindowEncoder enc = encoder(m);
        Evaluation ev = StockEvaluator.evaluate(m, new Forecaster(enc, trend(enc)), 100, 160, 45, "w", w -> {});
        Map<String, Double> x = ev.metrics();

        // capped at 30 steps
        assertThat(x.get("multistep_horizon")).isEqualTo(30.0);
        assertThat(x.get("rmse")).isLessThan(1e-3);
        assertThat(x.get("rmse_step_1")).isCloseTo(x.get("rmse"), within(1e-12));
        assertThat(x.get("rmse_step_30")).isLessThan(1e-2);
        assertThat(x.get("persistence_rmse_step_30")).isCloseTo(30, within(1e-12));
        assertThat(x.get("dm_p_value")).isLessThan(0.05);
        assertThat(ev.summary())
                .contains("the model beats the naive forecast")
                .contains("vs 100.0% for always-up (p = 1.000): on par with always-up")
                .startsWith("w: test 2020-04-10..2020-06-08 (60 days)");
        assertThat(ev.charts()).extracting(c -> c.title()).contains("RMSE by forecast step over every test origin");
    }

    @Test
    void aSmallTestPartIsWarnedAbout() {
        FeatureMatrix m = line(120);
        WindowEncoder enc = encoder(m);
        List<String> warnings = new ArrayList<>();
        Evaluation ev =
                StockEvaluator.evaluate(m, new Forecaster(enc, persistence()), 100, 120, 30, "w", warnings::add);

        assertThat(warnings)
                .containsExactly("line.csv: the test part has only 20 days (2020-04-10..2020-04-29), "
                        + "under 30: the Diebold-Mariano p-values and the verdicts rest on too few points; give more data or "
                        + "a larger testFraction");
        assertThat(ev.metrics().get("multistep_horizon")).isEqualTo(20.0);
        assertThat(ev.metrics().get("persistence_rmse_step_20")).isCloseTo(20, within(1e-12));
    }
}
