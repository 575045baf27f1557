package dev.lstmforge.plugins.stock.evaluator;

import dev.lstmforge.plugins.stock.feature.DailyReturns;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.translator.Forecaster;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.support.metrics.regression.DieboldMariano;
import dev.lstmforge.support.metrics.regression.RegressionMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Evaluates forecasts on the test part: one-step metrics against the persistence and always-up
 * baselines with Diebold-Mariano tests ({@link ForecastMetrics}), iterative multi-step forecasts
 * from every origin of the test part scored per step against persistence at the same step, the
 * verdict line, a table and the charts.
 *
 * <p>Origins are the days before each test target: origin {@code o} forecasts days
 * {@code o + 1 .. o + H}, and step {@code k} is scored over every origin whose day {@code o + k}
 * lies in the test part ({@code n - k + 1} origins for {@code n} test days), so step 1 is the
 * one-step forecast of every test day.
 */
public final class StockEvaluator {

    /** The most steps scored per origin, to keep the evaluation fast. */
    public static final int MAX_SCORED_STEPS = 30;

    /** Below this many test days the verdicts rest on too little data; a warning says so. */
    public static final int MIN_TEST_POINTS = 30;

    private StockEvaluator() {}

    /**
     * Builds the evaluation.
     *
     * @param m the feature matrix
     * @param forecaster the trained model's forecaster
     * @param firstTest first test target row
     * @param endTest end test target row, exclusive
     * @param horizon steps of the iterative forecasts, capped at {@link #MAX_SCORED_STEPS} and the
     *     test length
     * @param label the representation, for the summary
     * @param warn where warnings go (a small test part)
     * @return metrics, summary, table and charts
     */
    public static Evaluation evaluate(
            FeatureMatrix m,
            Forecaster forecaster,
            int firstTest,
            int endTest,
            int horizon,
            String label,
            Consumer<String> warn) {
        int n = endTest - firstTest;
        if (n < MIN_TEST_POINTS) {
            warn.accept(String.format(
                    Locale.ROOT,
                    "%s: the test part has only %d days (%s..%s), under %d: the "
                            + "Diebold-Mariano p-values and the verdicts rest on too few points; give more data or a "
                            + "larger testFraction",
                    m.source(),
                    n,
                    m.date(firstTest),
                    m.date(endTest - 1),
                    MIN_TEST_POINTS));
        }
        double[] close = m.close();
        double[] predicted = forecaster.oneStep(m, firstTest, endTest);
        double[] actual = Arrays.copyOfRange(close, firstTest, endTest);
        double[] lastKnown = Arrays.copyOfRange(close, firstTest - 1, endTest - 1);
        ForecastMetrics metrics = ForecastMetrics.of(actual, predicted, lastKnown);

        int h = Math.min(Math.min(horizon, MAX_SCORED_STEPS), n);
        double[][] multi = forecaster.iterateFromEach(m, firstTest - 1, endTest - 1, h);
        Step[] steps = new Step[h];
        for (int k = 1; k <= h; k++) {
            steps[k - 1] = Step.score(close, multi, firstTest - 1, n, k);
        }

        Evaluation.Builder b = Evaluation.builder().metrics(metrics.asMap()).metric("multistep_horizon", h);
        // the model's next-day forecasts as returns: the reference of the server's output drift
        double[] forecastReturns = new double[n];
        for (int i = 0; i < n; i++) {
            forecastReturns[i] = Math.log(predicted[i] / lastKnown[i]);
        }
        b.driftOutput(DailyReturns.FORECAST_FEATURE, forecastReturns);
        for (Step s : steps) {
            b.metric("rmse_step_" + s.step, s.rmse).metric("persistence_rmse_step_" + s.step, s.persistenceRmse);
        }
        b.summary(summary(m, firstTest, endTest, label, metrics));
        b.section("Multi-step RMSE by step", table(steps));

        String from = "trading days from " + m.date(firstTest);
        b.chart(new ChartSpec(
                "Test period: actual vs predicted close",
                from,
                "USD",
                List.of(
                        ChartSpec.Series.indexed("actual", actual),
                        ChartSpec.Series.indexed("LSTM one-step", predicted))));
        double[] stepAxis = new double[h];
        double[] model = new double[h];
        double[] naive = new double[h];
        for (int k = 0; k < h; k++) {
            stepAxis[k] = k + 1;
            model[k] = steps[k].rmse;
            naive[k] = steps[k].persistenceRmse;
        }
        b.chart(new ChartSpec(
                "RMSE by forecast step over every test origin",
                "days ahead",
                "RMSE (USD)",
                List.of(
                        new ChartSpec.Series("LSTM iterative", stepAxis, model),
                        new ChartSpec.Series("persistence", stepAxis, naive))));
        b.chart(new ChartSpec(
                "Iterative " + h + "-day forecast from " + m.date(firstTest - 1),
                from,
                "USD",
                List.of(
                        ChartSpec.Series.indexed("actual", Arrays.copyOf(actual, h)),
                        ChartSpec.Series.indexed("LSTM multi-step", multi[0]))));
        return b.build();
    }

    private static String summary(FeatureMatrix m, int firstTest, int endTest, String label, ForecastMetrics f) {
        return String.format(
                Locale.ROOT,
                "%s: test %s..%s (%d days): RMSE %.3f vs persistence %.3f (ratio %.3f, Diebold-Mariano p = %s): the "
                        + "model %s the naive forecast; direction right on %.1f%% of days vs %.1f%% for always-up "
                        + "(p = %s): %s always-up; long/flat strategy %+.1f%% vs buy-and-hold %+.1f%%",
                label,
                m.date(firstTest),
                m.date(endTest - 1),
                endTest - firstTest,
                f.rmse(),
                f.persistenceRmse(),
                f.rmseVsPersistence(),
                p(f.accuracyTest()),
                f.accuracyVerdict(),
                100 * f.directionalAccuracy(),
                100 * f.alwaysUpAccuracy(),
                p(f.directionTest()),
                f.directionVerdict(),
                100 * f.strategyReturn(),
                100 * f.buyAndHoldReturn());
    }

    private static String p(DieboldMariano.Result r) {
        if (Double.isNaN(r.pValue())) {
            return "n/a, too few days";
        }
        return r.pValue() < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", r.pValue());
    }

    private static String table(Step[] steps) {
        StringBuilder t = new StringBuilder(String.format(
                Locale.ROOT,
                "%4s  %7s  %10s  %12s  %6s  %8s%n",
                "step",
                "origins",
                "rmse",
                "persistence",
                "ratio",
                "dm_p"));
        for (Step s : steps) {
            t.append(String.format(
                    Locale.ROOT,
                    "%4d  %7d  %10.4f  %12.4f  %6.3f  %8s%n",
                    s.step,
                    s.origins,
                    s.rmse,
                    s.persistenceRmse,
                    s.rmse / s.persistenceRmse,
                    p(s.test)));
        }
        return t.toString();
    }

    /** The scores of step {@code k} over every origin that has an actual value {@code k} days later. */
    private record Step(int step, int origins, double rmse, double persistenceRmse, DieboldMariano.Result test) {

        static Step score(double[] close, double[][] multi, int firstOrigin, int testDays, int k) {
            int count = testDays - k + 1;
            double[] actual = new double[count];
            double[] model = new double[count];
            double[] naive = new double[count];
            for (int i = 0; i < count; i++) {
                int origin = firstOrigin + i;
                actual[i] = close[origin + k];
                model[i] = multi[i][k - 1];
                naive[i] = close[origin];
            }
            return new Step(
                    k,
                    count,
                    RegressionMetrics.rmse(actual, model),
                    RegressionMetrics.rmse(actual, naive),
                    DieboldMariano.squaredErrors(actual, model, naive, k));
        }
    }
}
