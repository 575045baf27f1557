package dev.lstmforge.plugins.stock.evaluator;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.metrics.regression.DieboldMariano;
import dev.lstmforge.support.metrics.regression.RegressionMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, direction and trading metrics of a series of next-day price forecasts, each beside
 * its naive baseline, with significance tests that decide the verdicts.
 *
 * <p>Inputs are three aligned arrays, one entry per forecast day {@code i}: {@code lastKnown[i]}
 * is the actual price on the day the forecast was made, {@code actualNext[i]} the realised
 * next-day price and {@code predictedNext[i]} the forecast. The errors and the direction rule are
 * those of {@link RegressionMetrics}; the baselines are persistence ("tomorrow's price equals
 * today's") for the errors and "always up" for the direction.
 *
 * <ul>
 *   <li>{@code dm_statistic}, {@code dm_p_value}: Diebold-Mariano test (HLN-corrected, one step
 *       ahead) of the model's squared errors against persistence's; negative means the model's
 *       errors are smaller;
 *   <li>{@code direction_dm_p_value}: the same test on direction misses (0/1) against always-up;
 *   <li>{@code strategy_return}: compounded return of a long/flat strategy without costs: on day
 *       {@code i} hold the stock (earning {@code actualNext[i] / lastKnown[i]}) iff
 *       {@code predicted > lastKnown}, otherwise stay flat;
 *   <li>{@code buy_and_hold_return}: {@code actualNext[last] / lastKnown[0] - 1};
 *   <li>{@code rmse_vs_persistence}: {@code rmse / persistence_rmse}, NaN when the price never
 *       moved.
 * </ul>
 *
 * @param count number of forecast days
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param mape mean absolute percentage error, percent
 * @param directionalAccuracy share of days with the right direction
 * @param alwaysUpAccuracy share of up days: the directional accuracy of always saying "up"
 * @param strategyReturn compounded long/flat return, e.g. 0.12 for +12%
 * @param buyAndHoldReturn return of holding over the whole period
 * @param persistenceRmse RMSE of the persistence forecast
 * @param persistenceMae MAE of the persistence forecast
 * @param persistenceMape MAPE of the persistence forecast, percent
 * @param rmseVsPersistence {@code rmse / persistenceRmse}
 * @param accuracyTest Diebold-Mariano test of squared errors, model against persistence
 * @param directionTest Diebold-Mariano test of direction misses, model against always-up
 */
public record ForecastMetrics(
        int count,
        double rmse,
        double mae,
        double mape,
        double directionalAccuracy,
        double alwaysUpAccuracy,
        double strategyReturn,
        double buyAndHoldReturn,
        double persistenceRmse,
        double persistenceMae,
        double persistenceMape,
        double rmseVsPersistence,
        DieboldMariano.Result accuracyTest,
        DieboldMariano.Result directionTest) {

    /** The significance level of the verdicts. */
    public static final double ALPHA = 0.05;

    /**
     * Computes all metrics.
     *
     * @param actualNext realised next-day prices, positive
     * @param predictedNext forecasts, finite
     * @param lastKnown prices on the forecast days, positive
     * @return the metrics
     * @throws DataException if an array is empty, the lengths differ, or a value is not finite (or
     *     a price not positive); the message names the array and index
     */
    public static ForecastMetrics of(double[] actualNext, double[] predictedNext, double[] lastKnown) {
        requirePrices("actualNext", actualNext);
        requirePrices("lastKnown", lastKnown);
        int n = actualNext.length;
        if (predictedNext == null || predictedNext.length != n || lastKnown.length != n) {
            throw new DataException("forecast arrays must be aligned (one entry per forecast day): actualNext has "
                    + n + " values, predictedNext " + (predictedNext == null ? "none" : predictedNext.length)
                    + ", lastKnown " + lastKnown.length);
        }
        double growth = 1.0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(predictedNext[i])) {
                throw new DataException("predictedNext[" + i + "] = " + predictedNext[i] + " is not a finite number");
            }
            if (predictedNext[i] > lastKnown[i]) {
                growth *= actualNext[i] / lastKnown[i];
            }
        }
        boolean[] hits = RegressionMetrics.directionHits(actualNext, predictedNext, lastKnown);
        double[] modelMiss = new double[n];
        double[] upMiss = new double[n];
        for (int i = 0; i < n; i++) {
            modelMiss[i] = hits[i] ? 0 : 1;
            upMiss[i] = actualNext[i] > lastKnown[i] ? 0 : 1;
        }
        double rmse = RegressionMetrics.rmse(actualNext, predictedNext);
        double persistenceRmse = RegressionMetrics.rmse(actualNext, lastKnown);
        return new ForecastMetrics(
                n,
                rmse,
                RegressionMetrics.mae(actualNext, predictedNext),
                RegressionMetrics.mape(actualNext, predictedNext),
                RegressionMetrics.directionalAccuracy(actualNext, predictedNext, lastKnown),
                RegressionMetrics.upShare(actualNext, lastKnown),
                growth - 1.0,
                actualNext[n - 1] / lastKnown[0] - 1.0,
                persistenceRmse,
                RegressionMetrics.mae(actualNext, lastKnown),
                RegressionMetrics.mape(actualNext, lastKnown),
                persistenceRmse > 0 ? rmse / persistenceRmse : Double.NaN,
                DieboldMariano.squaredErrors(actualNext, predictedNext, lastKnown, 1),
                DieboldMariano.test(modelMiss, upMiss, 1));
    }

    private static void requirePrices(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new DataException(
                    name + " is " + (v == null ? "missing" : "empty") + "; metrics need at least one forecast day");
        }
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || Double.isInfinite(v[i])) {
                throw new DataException(
                        name + "[" + i + "] = " + v[i] + " is not a valid price (must be positive and finite)");
            }
        }
    }

    /**
     * Says how the model's errors compare with persistence: {@code "beats"} only when the
     * Diebold-Mariano test is significant at {@link #ALPHA} and the model's errors are smaller,
     * {@code "is worse than"} when significant and larger, else {@code "is on par with"}.
     *
     * @return the verb phrase for "the model ... the naive forecast"
     */
    public String accuracyVerdict() {
        return verdict(accuracyTest, "beats", "is worse than", "is on par with");
    }

    /**
     * Says how the model's directions compare with always-up, by the same rule.
     *
     * @return {@code "better than"}, {@code "worse than"} or {@code "on par with"}
     */
    public String directionVerdict() {
        return verdict(directionTest, "better than", "worse than", "on par with");
    }

    private static String verdict(DieboldMariano.Result test, String better, String worse, String same) {
        if (test.modelBetter(ALPHA)) {
            return better;
        }
        return test.modelWorse(ALPHA) ? worse : same;
    }

    /**
     * Returns all metrics by snake_case name, the comparison with the baselines first: count,
     * rmse, persistence_rmse, rmse_vs_persistence, dm_statistic, dm_p_value, directional_accuracy,
     * always_up_accuracy, direction_dm_p_value, mae, persistence_mae, mape, persistence_mape,
     * strategy_return, buy_and_hold_return.
     *
     * @return an unmodifiable map in that order
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("count", (double) count);
        m.put("rmse", rmse);
        m.put("persistence_rmse", persistenceRmse);
        m.put("rmse_vs_persistence", rmseVsPersistence);
        m.put("dm_statistic", accuracyTest.statistic());
        m.put("dm_p_value", accuracyTest.pValue());
        m.put("directional_accuracy", directionalAccuracy);
        m.put("always_up_accuracy", alwaysUpAccuracy);
        m.put("direction_dm_p_value", directionTest.pValue());
        m.put("mae", mae);
        m.put("persistence_mae", persistenceMae);
        m.put("mape", mape);
        m.put("persistence_mape", persistenceMape);
        m.put("strategy_return", strategyReturn);
        m.put("buy_and_hold_return", buyAndHoldReturn);
        return Collections.unmodifiableMap(m);
    }
}
