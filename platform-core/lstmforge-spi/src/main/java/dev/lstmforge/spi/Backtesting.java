package dev.lstmforge.spi;

import ai.djl.Model;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forecasting project that can be backtested walk-forward ({@code lstmforge backtest}): the
 * host cuts the project's series into folds at forecast origins, trains (or fine-tunes) one
 * model per fold on data before its origin, and asks the project for one-step-ahead forecasts of
 * the fold's days. The project class implements this beside {@link LstmProject}.
 *
 * <pre>{@code
 * public final class StockForecastProject
 *         implements LstmProject<StockState, StockData>, Backtesting<StockState> {
 *     public Map<String, String> trainingWindow(LocalDate from, LocalDate until) {
 *         return Map.of("startDate", from == null ? "" : from.toString(), "endDate", until.toString());
 *     }
 *     // days(...), forecast(...), metrics(...)
 * }
 * }</pre>
 *
 * <p>The contract that keeps a backtest honest: a training run with {@link #trainingWindow}'s
 * settings reads no row on or after {@code until}, and {@link #forecast} reads no row on or after
 * its own {@code until} (the forecast of a day uses only the days before it).
 *
 * @param <S> the project's fitted-state type
 */
public interface Backtesting<S> {

    /**
     * Returns the days of the series the context names ({@code --data} or the project's default),
     * oldest first.
     *
     * @param ctx the context
     * @return the days
     * @throws IOException if the data cannot be read
     */
    List<LocalDate> days(ProjectContext ctx) throws IOException;

    /**
     * Returns the hyper-parameters that make a training run learn from the days in
     * {@code [from, until)} only; the keys must be {@link Param#perRun()} so fine-tunings may set
     * them.
     *
     * @param from the first day, or null for the start of the data
     * @param until the first day not to read (the fold's forecast origin)
     * @return the overrides
     */
    Map<String, String> trainingWindow(LocalDate from, LocalDate until);

    /**
     * Forecasts each day of {@code [from, until)} one step ahead, each from the days before it.
     *
     * @param ctx the context (its data is read again; rows on or after {@code until} are ignored)
     * @param state the model's state
     * @param model the trained model
     * @param from the first day to forecast
     * @param until the first day not to forecast
     * @return the forecasts
     * @throws IOException if the data cannot be read
     */
    Forecasts forecast(ProjectContext ctx, S state, Model model, LocalDate from, LocalDate until) throws IOException;

    /**
     * Scores forecasts (one fold's, or all folds' stitched together) against the project's naive
     * baselines.
     *
     * @param forecasts the forecasts
     * @return metric name to value
     */
    Map<String, Double> metrics(Forecasts forecasts);

    /**
     * Aligned one-step forecasts: on {@code days[i]} the series was {@code actual[i]}, the model
     * said {@code predicted[i]}, and the day before it was {@code lastKnown[i]}.
     *
     * @param days the forecast days
     * @param actual the realised values
     * @param predicted the forecasts
     * @param lastKnown the values on the days before
     */
    record Forecasts(List<LocalDate> days, double[] actual, double[] predicted, double[] lastKnown) {
        /** Checks that the arrays are aligned. */
        public Forecasts {
            days = List.copyOf(days);
            Objects.requireNonNull(actual, "actual");
            Objects.requireNonNull(predicted, "predicted");
            Objects.requireNonNull(lastKnown, "lastKnown");
            if (actual.length != days.size() || predicted.length != days.size() || lastKnown.length != days.size()) {
                throw new IllegalArgumentException("forecasts must be aligned: " + days.size() + " days, "
                        + actual.length + " actual, " + predicted.length + " predicted, " + lastKnown.length
                        + " last known");
            }
        }

        /**
         * Joins forecasts in order.
         *
         * @param parts the parts, oldest first
         * @return one series of forecasts
         */
        public static Forecasts concat(List<Forecasts> parts) {
            int n = parts.stream().mapToInt(f -> f.days().size()).sum();
            List<LocalDate> days = new java.util.ArrayList<>(n);
            double[] a = new double[n];
            double[] p = new double[n];
            double[] l = new double[n];
            int at = 0;
            for (Forecasts f : parts) {
                days.addAll(f.days());
                int k = f.days().size();
                System.arraycopy(f.actual(), 0, a, at, k);
                System.arraycopy(f.predicted(), 0, p, at, k);
                System.arraycopy(f.lastKnown(), 0, l, at, k);
                at += k;
            }
            return new Forecasts(days, a, p, l);
        }
    }
}
