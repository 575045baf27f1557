package dev.lstmforge.plugins.stock.evaluator;

import dev.lstmforge.plugins.stock.data.StockDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy and trading metrics of a series of next-day price forecasts, together with the
 * persistence baseline ("tomorrow's price equals today's").
 *
 * <p>Inputs are three aligned arrays, one entry per forecast day {@code i}:
 * {@code lastKnown[i]} is the actual price on the day the forecast was made,
 * {@code actualNext[i]} the realised next-day price and {@code predictedNext[i]} the forecast.
 *
 * <ul>
 *   <li>{@code rmse}, {@code mae}: root mean squared and mean absolute error, in price units.</li>
 *   <li>{@code mape}: mean absolute percentage error, in percent ({@code 100 * mean(|a - p| / a)}).</li>
 *   <li>{@code directionalAccuracy}: fraction of days on which
 *       {@code signum(predicted - lastKnown) == signum(actual - lastKnown)}. Zero moves are a third
 *       class, not skipped: a day on which the price did not move counts as right only if the
 *       forecast was exactly "no move", and a "no move" forecast is wrong on any day the price
 *       moved.</li>
 *   <li>{@code strategyReturn}: compounded return of a long/flat strategy without costs: on day
 *       {@code i} hold the stock (earning {@code actualNext[i] / lastKnown[i]}) iff
 *       {@code predicted > lastKnown}, otherwise stay flat (earning nothing).</li>
 *   <li>{@code buyAndHoldReturn}: {@code actualNext[last] / lastKnown[0] - 1}.</li>
 *   <li>{@code persistenceRmse}, {@code persistenceMae}, {@code persistenceMape}: the same errors
 *       for the forecast {@code predicted = lastKnown}.</li>
 *   <li>{@code rmseVsPersistence}: {@code rmse / persistenceRmse}; below 1 beats persistence. It
 *       is NaN when the price never moved (persistence RMSE 0).</li>
 * </ul>
 *
 * @param count               number of forecast days
 * @param rmse                root mean squared error
 * @param mae                 mean absolute error
 * @param mape                mean absolute percentage error, percent
 * @param directionalAccuracy fraction in [0, 1] of days with the right direction
 * @param strategyReturn      compounded long/flat return, e.g. 0.12 for +12%
 * @param buyAndHoldReturn    return of holding over the whole period
 * @param persistenceRmse     RMSE of the persistence forecast
 * @param persistenceMae      MAE of the persistence forecast
 * @param persistenceMape     MAPE of the persistence forecast, percent
 * @param rmseVsPersistence   {@code rmse / persistenceRmse}
 */
public record ForecastMetrics(
        int count,
        double rmse,
        double mae,
        double mape,
        double directionalAccuracy,
        double strategyReturn,
        double buyAndHoldReturn,
        double persistenceRmse,
        double persistenceMae,
        double persistenceMape,
        double rmseVsPersistence) {

    /**
     * Computes all metrics.
     *
     * @param actualNext    realised next-day prices, positive
     * @param predictedNext forecasts, finite
     * @param lastKnown     prices on the forecast days, positive
     * @return the metrics
     * @throws StockDataException if an array is null or empty, the lengths differ, or a value is
     *                            not finite (or a price not positive); the message names the array
     *                            and index
     */
    public static ForecastMetrics of(double[] actualNext, double[] predictedNext, double[] lastKnown) {
        requirePresent("actualNext", actualNext);
        requirePresent("predictedNext", predictedNext);
        requirePresent("lastKnown", lastKnown);
        int n = actualNext.length;
        if (predictedNext.length != n || lastKnown.length != n) {
            throw new StockDataException("forecast arrays must be aligned (one entry per forecast day):"
                    + " actualNext has " + n + " values, predictedNext " + predictedNext.length
                    + ", lastKnown " + lastKnown.length);
        }
        for (int i = 0; i < n; i++) {
            requirePrice("actualNext", actualNext, i);
            requirePrice("lastKnown", lastKnown, i);
            if (!Double.isFinite(predictedNext[i])) {
                throw new StockDataException("predictedNext[" + i + "] = " + predictedNext[i]
                        + " is not a finite number");
            }
        }
        double se = 0;
        double ae = 0;
        double ape = 0;
        double pse = 0;
        double pae = 0;
        double pape = 0;
        int rightDirection = 0;
        double growth = 1.0;
        for (int i = 0; i < n; i++) {
            double a = actualNext[i];
            double p = predictedNext[i];
            double l = lastKnown[i];
            double e = a - p;
            se += e * e;
            ae += Math.abs(e);
            ape += Math.abs(e) / a;
            double pe = a - l;
            pse += pe * pe;
            pae += Math.abs(pe);
            pape += Math.abs(pe) / a;
            if (Math.signum(p - l) == Math.signum(a - l)) {
                rightDirection++;
            }
            if (p > l) {
                growth *= a / l;
            }
        }
        double rmse = Math.sqrt(se / n);
        double persistenceRmse = Math.sqrt(pse / n);
        return new ForecastMetrics(
                n,
                rmse,
                ae / n,
                100.0 * ape / n,
                (double) rightDirection / n,
                growth - 1.0,
                actualNext[n - 1] / lastKnown[0] - 1.0,
                persistenceRmse,
                pae / n,
                100.0 * pape / n,
                persistenceRmse > 0 ? rmse / persistenceRmse : Double.NaN);
    }

    private static void requirePresent(String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new StockDataException(name + " is " + (v == null ? "missing" : "empty")
                    + "; metrics need at least one forecast day");
        }
    }

    private static void requirePrice(String name, double[] v, int i) {
        if (!(v[i] > 0) || Double.isInfinite(v[i])) {
            throw new StockDataException(name + "[" + i + "] = " + v[i]
                    + " is not a valid price (must be positive and finite)");
        }
    }

    /**
     * @return all metrics by name, in a stable order: count, rmse, mae, mape, directionalAccuracy,
     *         strategyReturn, buyAndHoldReturn, persistenceRmse, persistenceMae, persistenceMape,
     *         rmseVsPersistence; unmodifiable
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("count", (double) count);
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("mape", mape);
        m.put("directionalAccuracy", directionalAccuracy);
        m.put("strategyReturn", strategyReturn);
        m.put("buyAndHoldReturn", buyAndHoldReturn);
        m.put("persistenceRmse", persistenceRmse);
        m.put("persistenceMae", persistenceMae);
        m.put("persistenceMape", persistenceMape);
        m.put("rmseVsPersistence", rmseVsPersistence);
        return Collections.unmodifiableMap(m);
    }
}
