package dev.lstmforge.runtime;

import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.spi.Backtesting.Forecasts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a walk-forward backtest measured ({@link LstmForge#backtest}): per refit mode, every fold
 * (its forecast origin, the model trained for it, its cost and its one-step forecasts scored
 * against the project's naive baselines) and the forecasts of all folds stitched together.
 *
 * @param projectId the project
 * @param start the first forecast origin
 * @param refitEvery days between refits (the fold length)
 * @param window {@code expanding} or {@code rolling}
 * @param modes mode name ({@code scratch} or {@code fine-tune}) to its run, in the order run
 * @param entries one report entry per mode
 */
public record BacktestResult(
        String projectId,
        LocalDate start,
        int refitEvery,
        String window,
        Map<String, Mode> modes,
        List<ReportEntry> entries) {

    /**
     * One refit mode's run.
     *
     * @param name {@code scratch} (every fold trained from scratch) or {@code fine-tune} (each
     *     fold continues from the previous fold's model)
     * @param folds the folds, in time order
     * @param overall the metrics of all forecasts stitched together
     * @param trainSeconds wall time of the folds' trainings
     * @param forecasts the stitched forecasts
     */
    public record Mode(
            String name, List<Fold> folds, Map<String, Double> overall, double trainSeconds, Forecasts forecasts) {}

    /**
     * One fold.
     *
     * @param index 1-based
     * @param origin the forecast origin: the model saw no day on or after it
     * @param lastDay the last day forecast
     * @param trainedFrom the first training day, or null for the start of the data
     * @param version the model trained for the fold
     * @param trainSeconds the training's wall time
     * @param metrics the fold's forecasts scored
     * @param forecasts the fold's forecasts
     */
    public record Fold(
            int index,
            LocalDate origin,
            LocalDate lastDay,
            LocalDate trainedFrom,
            String version,
            double trainSeconds,
            Map<String, Double> metrics,
            Forecasts forecasts) {}
}
