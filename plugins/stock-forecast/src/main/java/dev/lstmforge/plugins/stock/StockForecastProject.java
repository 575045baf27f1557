package dev.lstmforge.plugins.stock;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.plugins.stock.data.PriceCsvReader;
import dev.lstmforge.plugins.stock.data.PriceSeries;
import dev.lstmforge.plugins.stock.dataset.WindowDatasets;
import dev.lstmforge.plugins.stock.evaluator.ForecastMetrics;
import dev.lstmforge.plugins.stock.evaluator.StockEvaluator;
import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.Representation;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.plugins.stock.translator.Forecaster;
import dev.lstmforge.plugins.stock.translator.StockServingTranslator;
import dev.lstmforge.plugins.stock.translator.WindowPredictor;
import dev.lstmforge.spi.Backtesting;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.spi.TrainingRecipe;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.block.LstmBlocks;
import dev.lstmforge.support.csv.Utf8Text;
import dev.lstmforge.support.train.Recipes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Stock price forecasting: next-day Close from {@code window}-day windows of daily prices, a
 * chronological train/validation/test split, two input representations, and a report that
 * compares the model with the naive persistence forecast, with a significance test. Its
 * hyper-parameters are declared in {@link StockParams}.
 *
 * <p>Default data: daily AAPL prices bundled with the plugin (Yahoo Finance export,
 * 2010-01-04..2023-03-15), restricted to 2013-01-01..2023-01-01 unless {@code startDate} or
 * {@code endDate} say otherwise. A user's CSV ({@code --data}) is used whole by default.
 */
@Extension
public final class StockForecastProject implements LstmProject<StockState, StockData>, Backtesting<StockState> {

    /** The bundled series. */
    static final String BUNDLED = "AAPL.csv";

    private static final LocalDate BUNDLED_START = LocalDate.of(2013, 1, 1);
    private static final LocalDate BUNDLED_END = LocalDate.of(2023, 1, 1);

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "stock-forecast",
                "Stock price forecasting",
                "Next-day and multi-step close forecasts from daily OHLCV windows (LSTM 50-50-1)",
                ProjectInfo.Task.REGRESSION);
    }

    @Override
    public List<Param<?>> parameters() {
        return StockParams.ALL;
    }

    @Override
    public Class<StockState> stateType() {
        return StockState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        String key = StockParams.REPRESENTATION.name();
        return List.of(
                new DemoVariant("window-normalised", Map.of(key, "window_normalised")),
                new DemoVariant("global-minmax", Map.of(key, "global_minmax")));
    }

    @Override
    public StockData prepare(ProjectContext ctx, StockState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = hp.get(StockParams.WINDOW);
        List<Feature> features = StockParams.features(hp);
        Representation representation = StockParams.representation(hp);
        List<String> required = Feature.csvColumns(features);

        LocalDate start = StockParams.date(hp, StockParams.START_DATE);
        LocalDate end = StockParams.date(hp, StockParams.END_DATE);
        Source source = read(ctx, required);
        PriceSeries series = source.series();
        DataFingerprint fingerprint = source.fingerprint();
        if (source.bundled() && start == null && end == null) {
            start = BUNDLED_START;
            end = BUNDLED_END;
        }
        series.repairWarnings().forEach(ctx::warn);

        FeatureMatrix m = FeatureMatrix.build(series, features);
        int firstTarget = Math.max(start == null ? 0 : m.rowOnOrAfter(start), window);
        int endTarget = end == null ? m.rows() : m.rowOnOrAfter(end);
        int n = endTarget - firstTarget;
        WindowEncoder.checkEnoughRows(series.source(), Math.max(0, endTarget), window);
        int test = (int) Math.round(n * hp.get(StockParams.TEST_FRACTION));
        int valid = (int) Math.round(n * hp.get(StockParams.VALIDATION_FRACTION));
        int train = n - test - valid;
        if (train < 1 || valid < 1 || test < 1) {
            throw new DataException(String.format(
                    Locale.ROOT,
                    "%s: %d forecastable days in the chosen period (after %d-day windows) give %d training, %d "
                            + "validation and %d test days; each part needs at least one. Give more data or a "
                            + "smaller window",
                    series.source(),
                    Math.max(n, 0),
                    window,
                    Math.max(train, 0),
                    Math.max(valid, 0),
                    Math.max(test, 0)));
        }
        int trainEnd = firstTarget + train;
        int validEnd = trainEnd + valid;

        WindowEncoder enc;
        StockState state;
        if (fitted == null) {
            enc = WindowEncoder.fit(m, features, representation, window, trainEnd);
            state = new StockState();
            state.encoder = enc.state();
            state.dataSource = series.source();
            state.recentCsv = recentCsv(series, required, window + Feature.warmUpRows(features) + 20);
        } else {
            enc = WindowEncoder.fromState(fitted.encoder);
            state = fitted;
            if (enc.windowSize() != window || !enc.features().equals(features)) {
                throw new LstmForgeException("the saved model uses window " + enc.windowSize() + " and features "
                        + enc.features() + ", but the hyper-parameters say " + window + " and " + features);
            }
        }
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        NDManager manager = ctx.manager();
        Dataset trainSet = WindowDatasets.build(manager, m, enc, firstTarget, trainEnd, batch, true);
        Dataset validSet = WindowDatasets.build(manager, m, enc, trainEnd, validEnd, batch, false);
        String split = String.format(
                Locale.ROOT,
                "split by date: train %s..%s (%d days), validation %s..%s (%d), "
                        + "test %s..%s (%d); scaling fitted on the training part only",
                m.date(firstTarget),
                m.date(trainEnd - 1),
                train,
                m.date(trainEnd),
                m.date(validEnd - 1),
                valid,
                m.date(validEnd),
                m.date(endTarget - 1),
                test);
        return new StockData(
                trainSet,
                validSet,
                state,
                fingerprint,
                m,
                enc,
                Math.max(0, firstTarget - window),
                trainEnd,
                validEnd,
                endTarget,
                split);
    }

    /** The series a run reads: the user's CSV, or the bundled one. */
    private record Source(PriceSeries series, DataFingerprint fingerprint, boolean bundled) {}

    private static Source read(ProjectContext ctx, List<String> required) throws IOException {
        if (ctx.dataPath().isPresent()) {
            Path file = ctx.dataPath().get();
            if (Files.isDirectory(file)) {
                throw new DataException("stock-forecast reads one CSV file, but " + file + " is a directory");
            }
            PriceSeries series = PriceCsvReader.read(file, required);
            return new Source(series, DataFingerprint.ofFile(file, series.size()), false);
        }
        byte[] bytes;
        try (InputStream in = StockForecastProject.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new LstmForgeException("the plugin jar lacks its bundled " + BUNDLED);
            }
            bytes = in.readAllBytes();
        }
        String name = BUNDLED + " (bundled with stock-forecast)";
        PriceSeries series = PriceCsvReader.parse(Utf8Text.decode(bytes, name), name, required);
        return new Source(series, DataFingerprint.ofBytes(name, bytes, series.size()), true);
    }

    @Override
    public List<LocalDate> days(ProjectContext ctx) throws IOException {
        Source s = read(ctx, Feature.csvColumns(StockParams.features(ctx.hyperParameters())));
        PriceSeries series = s.bundled() ? s.series().between(BUNDLED_START, BUNDLED_END) : s.series();
        return series.dates();
    }

    @Override
    public Map<String, String> trainingWindow(LocalDate from, LocalDate until) {
        // a small test part: the fold's own evaluation matters little, the days before the origin do
        return Map.of(
                StockParams.START_DATE.name(),
                from == null ? "" : from.toString(),
                StockParams.END_DATE.name(),
                until.toString(),
                StockParams.TEST_FRACTION.name(),
                "0.01");
    }

    @Override
    public Forecasts forecast(ProjectContext ctx, StockState state, Model model, LocalDate from, LocalDate until)
            throws IOException {
        WindowEncoder enc = WindowEncoder.fromState(state.encoder);
        PriceSeries all = read(ctx, Feature.csvColumns(enc.features())).series();
        // nothing on or after `until` is read: the fold's forecasts cannot depend on later prices
        PriceSeries series = all.between(all.date(0), until);
        FeatureMatrix m = FeatureMatrix.build(series, enc.features());
        int first = Math.max(m.rowOnOrAfter(from), enc.windowSize());
        int end = m.rows();
        if (first >= end) {
            return new Forecasts(List.of(), new double[0], new double[0], new double[0]);
        }
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator(null))) {
            double[] predicted = new Forecaster(enc, predictorOf(model, predictor, enc)).oneStep(m, first, end);
            double[] close = m.close();
            List<LocalDate> days = new ArrayList<>();
            for (int r = first; r < end; r++) {
                days.add(m.date(r));
            }
            return new Forecasts(
                    days,
                    Arrays.copyOfRange(close, first, end),
                    predicted,
                    Arrays.copyOfRange(close, first - 1, end - 1));
        }
    }

    @Override
    public Map<String, Double> metrics(Forecasts f) {
        return ForecastMetrics.of(f.actual(), f.predicted(), f.lastKnown()).asMap();
    }

    /** Runs the network on encoded windows, each call in its own scope. */
    private static WindowPredictor predictorOf(Model model, Predictor<NDList, NDList> predictor, WindowEncoder enc) {
        return (windows, count) -> {
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDList in = new NDList(scope.create(windows, new Shape(count, enc.windowSize(), enc.featureCount())));
                return predictor.predict(in).head().toFloatArray();
            } catch (TranslateException e) {
                throw new IllegalStateException("inference failed: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Block newBlock(HyperParameters hp, StockState state) {
        return LstmBlocks.lastStepHead(
                hp.get(StockParams.HIDDEN_SIZE), hp.get(StockParams.LAYERS), hp.get(StockParams.DROPOUT), 1);
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        return Recipes.adam(hp, new L2Loss("mse", 1f), List.of(new L1Loss("mae")));
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, StockData data, Model model) {
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator(null))) {
            WindowEncoder enc = data.encoder();
            WindowPredictor net = predictorOf(model, predictor, enc);
            Evaluation ev = StockEvaluator.evaluate(
                    data.matrix(),
                    new Forecaster(enc, net),
                    data.firstTest(),
                    data.endTest(),
                    ctx.hyperParameters().get(StockParams.HORIZON),
                    enc.representation().name().toLowerCase(Locale.ROOT),
                    ctx::warn);
            return ev.toBuilder().section("Data", data.split()).build();
        }
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new StockServingTranslator();
    }

    /** The last {@code rows} rows of the columns the model reads, as CSV text. */
    private static String recentCsv(PriceSeries series, List<String> columns, int rows) {
        int from = Math.max(0, series.size() - rows);
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        List<double[]> cols = new ArrayList<>();
        for (String c : columns.subList(1, columns.size())) {
            cols.add(series.column(c));
        }
        for (int r = from; r < series.size(); r++) {
            sb.append(series.date(r));
            for (double[] col : cols) {
                sb.append(',').append(col[r]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
