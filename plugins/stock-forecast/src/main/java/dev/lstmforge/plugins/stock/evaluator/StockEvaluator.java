package dev.lstmforge.plugins.stock.evaluator;

import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.translator.Forecaster;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates forecasts on the test part: one-step metrics against the persistence baseline, an
 * iterative multi-step forecast from the start of the test part, and the plots.
 */
public final class StockEvaluator {

    private StockEvaluator() {}

    /**
     * Builds the evaluation.
     *
     * @param m the feature matrix
     * @param forecaster the trained model's forecaster
     * @param firstTest first test target row
     * @param endTest end test target row, exclusive
     * @param horizon days of the multi-step forecast
     * @param label the representation, for the summary
     * @return metrics, summary and charts
     */
    public static Evaluation evaluate(FeatureMatrix m, Forecaster forecaster, int firstTest, int endTest,
            int horizon, String label) {
        int n = endTest - firstTest;
        double[] predicted = forecaster.oneStep(m, firstTest, endTest);
        double[] actual = new double[n];
        double[] lastKnown = new double[n];
        double[] close = m.close();
        for (int i = 0; i < n; i++) {
            actual[i] = close[firstTest + i];
            lastKnown[i] = close[firstTest + i - 1];
        }
        ForecastMetrics metrics = ForecastMetrics.of(actual, predicted, lastKnown);

        int h = Math.min(horizon, n);
        double[] multi = forecaster.iterate(m, firstTest - 1, h);
        double sq = 0;
        for (int i = 0; i < h; i++) {
            sq += (multi[i] - actual[i]) * (multi[i] - actual[i]);
        }
        double multiRmse = Math.sqrt(sq / h);

        Map<String, Double> all = metrics.asMap();
        Evaluation.Builder b = Evaluation.builder();
        // The comparison with the naive forecast first: that is what a report reader looks for.
        for (String key : List.of("rmse", "persistenceRmse", "rmseVsPersistence", "directionalAccuracy",
                "strategyReturn", "buyAndHoldReturn")) {
            b.metric(key, all.get(key));
        }
        b.metrics(all)
                .metric("multistep_horizon", h)
                .metric("multistep_rmse", multiRmse);
        double ratio = metrics.rmseVsPersistence();
        String verdict = ratio <= 1.0 ? "beats" : ratio <= 1.10 ? "is within 10% of" : "is worse than";
        b.summary(String.format(Locale.ROOT,
                "%s: test %s..%s (%d days): RMSE %.3f vs persistence %.3f (ratio %.3f): the model %s the naive "
                        + "forecast; directional accuracy %.1f%%; long/flat strategy %+.1f%% vs buy-and-hold %+.1f%%",
                label, m.date(firstTest), m.date(endTest - 1), n, metrics.rmse(), metrics.persistenceRmse(), ratio,
                verdict, 100 * metrics.directionalAccuracy(), 100 * metrics.strategyReturn(),
                100 * metrics.buyAndHoldReturn()));

        String from = "trading days from " + m.date(firstTest);
        b.chart(new ChartSpec("Test period: actual vs predicted close", from, "USD", List.of(
                ChartSpec.Series.indexed("actual", actual),
                ChartSpec.Series.indexed("LSTM one-step", predicted))));
        b.chart(new ChartSpec("Iterative " + h + "-day forecast from " + m.date(firstTest - 1), from, "USD", List.of(
                ChartSpec.Series.indexed("actual", java.util.Arrays.copyOf(actual, h)),
                ChartSpec.Series.indexed("LSTM multi-step", multi))));
        return b.build();
    }
}
