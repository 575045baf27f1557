package dev.lstmforge.runtime;

import ai.djl.Model;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.Backtesting;
import dev.lstmforge.spi.Backtesting.Forecasts;
import dev.lstmforge.spi.ChartSpec;
import dev.lstmforge.spi.ContinualParams;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.TrainingParams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A walk-forward backtest of a forecasting project ({@link Backtesting}), as Darts'
 * {@code historical_forecasts} does it: forecast origins every {@code refitEvery} days from
 * {@code start}; for each fold a model is trained on the days before its origin only (all of them,
 * or the last {@code rollingDays} with a rolling window) and forecasts the fold's days one step
 * ahead; the folds' forecasts are stitched and scored together. A fold's model either starts from
 * scratch or fine-tunes the previous fold's model ({@link FineTuning}, strategy {@code naive}),
 * so the two refit modes can be compared in cost and error.
 *
 * <pre>{@code
 * BacktestResult r = new Backtest(session, pipeline, fineTuning, loader).run(project, csv,
 *         new Backtest.Options(LocalDate.parse("2018-01-01"), 20, "expanding", 0,
 *                 List.of("scratch", "fine-tune"), 0, 5), Map.of("epochs", "10"));
 * }</pre>
 */
final class Backtest {

    /** The refit modes. */
    static final List<String> MODES = List.of("scratch", "fine-tune");

    /**
     * How to cut the folds.
     *
     * @param start the first forecast origin (the first day on or after it)
     * @param refitEvery days per fold
     * @param window {@code expanding} (all days before the origin) or {@code rolling}
     * @param rollingDays the days a rolling window trains on
     * @param modes refit modes to run: {@code scratch}, {@code fine-tune}
     * @param maxFolds the most folds to run; 0 for all
     * @param fineTuneEpochs the epoch limit of a fine-tune refit; 0 for the same as a full training
     */
    record Options(
            LocalDate start,
            int refitEvery,
            String window,
            int rollingDays,
            List<String> modes,
            int maxFolds,
            int fineTuneEpochs) {}

    private final Session s;
    private final TrainingPipeline pipeline;
    private final FineTuning fineTuning;
    private final ModelLoader loader;

    Backtest(Session session, TrainingPipeline pipeline, FineTuning fineTuning, ModelLoader loader) {
        this.s = session;
        this.pipeline = pipeline;
        this.fineTuning = fineTuning;
        this.loader = loader;
    }

    BacktestResult run(LstmProject<?, ?> project, Path data, Options o, Map<String, String> overrides)
            throws InterruptedException {
        if (!(project instanceof Backtesting<?>)) {
            throw new LstmForgeException(project.info().id() + " offers no walk-forward backtest (only forecasting"
                    + " projects that implement Backtesting do, such as stock-forecast)");
        }
        if (o.refitEvery() < 1) {
            throw new LstmForgeException("--refit-every must be at least 1 day, got " + o.refitEvery());
        }
        if (!List.of("expanding", "rolling").contains(o.window())) {
            throw new LstmForgeException("--window must be expanding or rolling, got '" + o.window() + "'");
        }
        if ("rolling".equals(o.window()) && o.rollingDays() < 2) {
            throw new LstmForgeException("a rolling window needs --rolling-days of at least 2, got " + o.rollingDays());
        }
        for (String m : o.modes()) {
            if (!MODES.contains(m)) {
                throw new LstmForgeException("unknown refit mode '" + m + "'; choose from " + String.join(", ", MODES));
            }
        }
        for (String k : overrides.keySet()) {
            if (ContinualParams.isContinualKey(k)) {
                throw new LstmForgeException("'" + k + "' does not apply to a backtest: its fine-tune refits are"
                        + " plain fine-tunings of the previous fold's model");
            }
        }
        HyperParameters hp = TrainingPipeline.hyperParameters(project, overrides);
        List<LocalDate> days;
        try (RunContext ctx = s.context(hp, data, s.seed())) {
            days = PluginCalls.call(project, () -> ((Backtesting<?>) project).days(ctx));
        }
        int first = 0;
        while (first < days.size() && days.get(first).isBefore(o.start())) {
            first++;
        }
        if (first >= days.size()) {
            throw new LstmForgeException("--start " + o.start() + " is after the last day of the data ("
                    + (days.isEmpty() ? "no days" : days.get(days.size() - 1)) + ")");
        }
        List<Integer> origins = new ArrayList<>();
        for (int i = first; i < days.size(); i += o.refitEvery()) {
            origins.add(i);
            if (o.maxFolds() > 0 && origins.size() >= o.maxFolds()) {
                break;
            }
        }
        Map<String, BacktestResult.Mode> modes = new LinkedHashMap<>();
        List<ReportEntry> entries = new ArrayList<>();
        for (String mode : o.modes()) {
            BacktestResult.Mode m = runMode(project, data, o, overrides, hp, days, origins, mode);
            modes.put(mode, m);
            entries.add(entry(project, o, m));
        }
        return new BacktestResult(project.info().id(), days.get(first), o.refitEvery(), o.window(), modes, entries);
    }

    private BacktestResult.Mode runMode(
            LstmProject<?, ?> project,
            Path data,
            Options o,
            Map<String, String> overrides,
            HyperParameters hp,
            List<LocalDate> days,
            List<Integer> origins,
            String mode)
            throws InterruptedException {
        Backtesting<?> b = (Backtesting<?>) project;
        List<BacktestResult.Fold> folds = new ArrayList<>();
        String prev = null;
        double total = 0;
        for (int k = 0; k < origins.size(); k++) {
            int at = origins.get(k);
            LocalDate origin = days.get(at);
            int endIndex = k + 1 < origins.size() ? origins.get(k + 1) : Math.min(days.size(), at + o.refitEvery());
            LocalDate until = endIndex < days.size()
                    ? days.get(endIndex)
                    : days.get(days.size() - 1).plusDays(1);
            LocalDate from = "rolling".equals(o.window()) ? days.get(Math.max(0, at - o.rollingDays())) : null;
            Map<String, String> run = new LinkedHashMap<>(overrides);
            run.putAll(b.trainingWindow(from, origin));
            s.log()
                    .accept("backtest " + project.info().id() + " [" + mode + "]: fold " + (k + 1) + " of "
                            + origins.size() + ", origin " + origin + ", forecasting until " + until);
            long t0 = System.nanoTime();
            boolean tune = "fine-tune".equals(mode) && prev != null;
            if (tune && o.fineTuneEpochs() > 0) {
                run.put(TrainingParams.EPOCHS.name(), Integer.toString(o.fineTuneEpochs()));
            }
            TrainResult r =
                    tune ? fineTuning.fineTune(prev, data, run) : pipeline.train(project, data, run, "backtest");
            double seconds = (System.nanoTime() - t0) / 1e9;
            total += seconds;
            prev = r.version().ref();
            Forecasts f = forecast(project, r.version().ref(), data, origin, until);
            if (f.days().isEmpty()) {
                throw new LstmForgeException("fold " + (k + 1) + " (origin " + origin + ") produced no forecasts");
            }
            folds.add(new BacktestResult.Fold(
                    k + 1,
                    origin,
                    f.days().get(f.days().size() - 1),
                    from,
                    prev,
                    seconds,
                    PluginCalls.call(project, () -> b.metrics(f)),
                    f));
        }
        Forecasts all = Forecasts.concat(
                folds.stream().map(BacktestResult.Fold::forecasts).toList());
        return new BacktestResult.Mode(mode, folds, PluginCalls.call(project, () -> b.metrics(all)), total, all);
    }

    /** Loads a fold's model and asks the project for its forecasts. */
    private Forecasts forecast(LstmProject<?, ?> project, String ref, Path data, LocalDate from, LocalDate until) {
        try (ModelHandle h = loader.open(ref)) {
            return typedForecast(project, h, data, from, until);
        }
    }

    @SuppressWarnings("unchecked")
    private <S, D extends PreparedData<S>> Forecasts typedForecast(
            LstmProject<S, D> project, ModelHandle h, Path data, LocalDate from, LocalDate until) {
        ModelLayout layout = h.layout();
        try {
            S state = layout.readState(project.stateType());
            HyperParameters hp = layout.readHyperParameters();
            Backtesting<S> b = (Backtesting<S>) project;
            try (RunContext ctx = s.context(hp, data, s.seed());
                    Model model = loader.network(project, layout, hp, state)) {
                return PluginCalls.call(project, () -> b.forecast(ctx, state, model, from, until));
            }
        } catch (IOException e) {
            throw new LstmForgeException("cannot forecast with " + h.version().ref() + ": " + Messages.describe(e), e);
        }
    }

    private static ReportEntry entry(LstmProject<?, ?> project, Options o, BacktestResult.Mode m) {
        Forecasts f = m.forecasts();
        double[] x = new double[f.days().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        StringBuilder table = new StringBuilder(
                "| fold | origin | last day | days | version | train s | rmse | persistence rmse | dm p |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (BacktestResult.Fold fold : m.folds()) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %d | %s | %.1f | %.4f | %.4f | %.3g |%n",
                    fold.index(),
                    fold.origin(),
                    fold.lastDay(),
                    fold.forecasts().days().size(),
                    fold.version(),
                    fold.trainSeconds(),
                    fold.metrics().getOrDefault("rmse", Double.NaN),
                    fold.metrics().getOrDefault("persistence_rmse", Double.NaN),
                    fold.metrics().getOrDefault("dm_p_value", Double.NaN)));
        }
        Evaluation ev = Evaluation.builder()
                .metrics(m.overall())
                .metric("folds", m.folds().size())
                .metric("train_seconds_total", m.trainSeconds())
                .chart(new ChartSpec(
                        "Walk-forward one-step forecasts, " + m.name() + " refits ("
                                + f.days().get(0) + " to "
                                + f.days().get(f.days().size() - 1) + ")",
                        "forecast day",
                        "value",
                        List.of(
                                new ChartSpec.Series("actual", x, f.actual()),
                                new ChartSpec.Series("forecast (" + m.name() + ")", x, f.predicted()))))
                .section("Folds", table.toString())
                .summary("Walk-forward backtest, " + o.window() + " window, a refit every " + o.refitEvery()
                        + " days, each fold's model "
                        + ("scratch".equals(m.name()) ? "trained from scratch" : "fine-tuned from the previous fold's")
                        + "; no fold saw a day on or after its forecast origin.")
                .build();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("folds", Integer.toString(m.folds().size()));
        facts.put("first origin", m.folds().get(0).origin().toString());
        facts.put("training seconds", String.format(Locale.ROOT, "%.1f", m.trainSeconds()));
        return new ReportEntry(
                project.info().id(),
                project.info().title(),
                "backtest (" + m.name() + ")",
                m.folds().get(m.folds().size() - 1).version(),
                null,
                ev,
                facts);
    }
}
