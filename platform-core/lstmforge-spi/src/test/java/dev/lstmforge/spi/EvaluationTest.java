package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final ChartSpec CHART =
            new ChartSpec("Forecast", "day", "price", List.of(ChartSpec.Series.indexed("actual", new double[] {1, 2})));

    private static final HeatmapSpec CONFUSION =
            HeatmapSpec.confusion("Confusion matrix", List.of("yes", "no"), new long[][] {{8, 2}, {1, 9}});

    @Test
    void builderKeepsMetricsInOrderAndReplacesARepeatedName() {
        Evaluation ev = Evaluation.builder()
                .metric("rmse", 2.5)
                .metric("persistence_rmse", 3.0)
                .metric("rmse", 2.0)
                .summary("beats persistence")
                .chart(CHART)
                .heatmap(CONFUSION)
                .section("Data", "AAPL.csv, 2,517 rows")
                .build();

        assertThat(ev.metrics()).containsExactly(Map.entry("rmse", 2.0), Map.entry("persistence_rmse", 3.0));
        assertThat(ev.summary()).isEqualTo("beats persistence");
        assertThat(ev.charts()).containsExactly(CHART);
        assertThat(ev.heatmaps()).containsExactly(CONFUSION);
        assertThat(ev.sections()).containsExactly(Map.entry("Data", "AAPL.csv, 2,517 rows"));
    }

    @Test
    void anEmptyEvaluationHasAnEmptySummary() {
        Evaluation ev = Evaluation.builder().build();

        assertThat(ev.metrics()).isEmpty();
        assertThat(ev.summary()).isEmpty();
        assertThat(ev.charts()).isEmpty();
        assertThat(ev.heatmaps()).isEmpty();
        assertThat(ev.sections()).isEmpty();
    }

    @Test
    void toBuilderCopiesEverythingAndLeavesTheOriginal() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.9);
        metrics.put("macro_f1", 0.8);
        Evaluation ev = Evaluation.builder()
                .metrics(metrics)
                .summary("s")
                .chart(CHART)
                .heatmap(CONFUSION)
                .section("A", "a")
                .build();

        Evaluation more = ev.toBuilder().metric("train_seconds", 12).build();

        assertThat(more.metrics())
                .containsExactly(
                        Map.entry("accuracy", 0.9), Map.entry("macro_f1", 0.8), Map.entry("train_seconds", 12.0));
        assertThat(more.summary()).isEqualTo("s");
        assertThat(more.charts()).containsExactly(CHART);
        assertThat(more.heatmaps()).containsExactly(CONFUSION);
        assertThat(more.heatmaps().get(0).values()).isDeepEqualTo(new double[][] {{8, 2}, {1, 9}});
        assertThat(more.sections()).containsExactly(Map.entry("A", "a"));
        assertThat(ev.metrics()).hasSize(2);
    }

    @Test
    void viewsAreUnmodifiable() {
        Evaluation ev = Evaluation.builder().metric("rmse", 1).build();

        assertThatThrownBy(() -> ev.metrics().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ev.charts().add(CHART)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ev.heatmaps().add(CONFUSION)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ev.sections().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertThatNullPointerException()
                .isThrownBy(() -> Evaluation.builder().metric(null, 1))
                .withMessage("name");
        assertThatNullPointerException()
                .isThrownBy(() -> Evaluation.builder().summary(null))
                .withMessage("text");
        assertThatNullPointerException()
                .isThrownBy(() -> Evaluation.builder().chart(null))
                .withMessage("chart");
        assertThatNullPointerException()
                .isThrownBy(() -> Evaluation.builder().heatmap(null))
                .withMessage("heatmap");
        assertThatNullPointerException()
                .isThrownBy(() -> Evaluation.builder().section(null, "t"))
                .withMessage("title");
    }

    @Test
    void metricNamesMustBeSnakeCase() {
        for (String bad : new String[] {"persistenceRmse", "RMSE", "rmse-step-1", "1st", "a<b", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Evaluation.builder().metric(bad, 1))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be snake_case");
        }
        assertThat(Evaluation.builder().metric("rmse_step_30", 1).build().metrics())
                .containsKey("rmse_step_30");
    }
}
