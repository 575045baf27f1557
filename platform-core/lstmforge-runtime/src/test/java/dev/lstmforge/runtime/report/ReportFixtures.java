package dev.lstmforge.runtime.report;

import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small synthetic inputs for the report tests. */
final class ReportFixtures {

    private ReportFixtures() {}

    /** A history of {@code n} epochs with falling losses; epoch {@code best} is kept. */
    static TrainingHistory history(int n, int best) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            double train = 1.0 / e;
            double validation = 1.2 / e + (e > best ? 0.05 * (e - best) : 0);
            epochs.add(new EpochRecord(
                    e, train, validation, Map.of("mae", train / 2), Map.of("mae", validation / 2), 0.5, 1000.0));
        }
        return new TrainingHistory(epochs, best, "early stopping: 3 epochs without improvement");
    }

    /** A price-like chart of {@code n} points with two lines. */
    static ChartSpec priceChart(String title, int n) {
        double[] actual = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = 100 + 10 * Math.sin(i / 10.0);
            predicted[i] = actual[i] + Math.cos(i / 3.0);
        }
        return new ChartSpec(
                title,
                "trading day",
                "USD",
                List.of(ChartSpec.Series.indexed("actual", actual), ChartSpec.Series.indexed("LSTM", predicted)));
    }

    /**
     * A {@code n}x{@code n} confusion matrix of classes {@code c0, c1, ...}: {@code 50 + i} on the
     * diagonal, {@code (2 * i + j) % 5} off it, so the matrix is not symmetric.
     */
    static HeatmapSpec confusion(String title, int n) {
        List<String> classes = new ArrayList<>();
        long[][] counts = new long[n][n];
        for (int i = 0; i < n; i++) {
            classes.add("c" + i);
            for (int j = 0; j < n; j++) {
                counts[i][j] = i == j ? 50 + i : (2 * i + j) % 5;
            }
        }
        return HeatmapSpec.confusion(title, classes, counts);
    }

    /** An entry with a history, two metrics, one chart and one text section. */
    static ReportEntry entry(String projectId, String variant, double rmse) {
        Evaluation ev = Evaluation.builder()
                .metric("rmse", rmse)
                .metric("persistence_rmse", 3.05)
                .summary("RMSE " + rmse + " vs persistence 3.05")
                .chart(priceChart("AAPL test period", 250))
                .section("Samples", "day 1: 101.2 -> 101.9")
                .build();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("engine", "PyTorch");
        facts.put("device", "cpu()");
        facts.put("seed", "42");
        return new ReportEntry(projectId, "Stock forecast", variant, projectId + "/v1", history(12, 9), ev, facts);
    }
}
