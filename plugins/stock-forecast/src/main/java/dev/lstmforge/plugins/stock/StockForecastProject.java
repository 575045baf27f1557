package dev.lstmforge.plugins.stock;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;

import dev.lstmforge.plugins.stock.block.StockBlockFactory;
import dev.lstmforge.plugins.stock.block.StockBlocks;
import dev.lstmforge.plugins.stock.data.PriceCsvReader;
import dev.lstmforge.plugins.stock.data.PriceSeries;
import dev.lstmforge.plugins.stock.data.StockDataException;
import dev.lstmforge.plugins.stock.dataset.WindowDatasets;
import dev.lstmforge.plugins.stock.evaluator.StockEvaluator;
import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.Representation;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.plugins.stock.translator.Forecaster;
import dev.lstmforge.plugins.stock.translator.StockServingTranslator;
import dev.lstmforge.plugins.stock.translator.WindowPredictor;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingRecipe;

import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stock price forecasting: next-day Close from {@code window}-day windows of daily prices, a
 * chronological train/validation/test split, two input representations, and a report that
 * compares the model with the naive persistence forecast.
 *
 * <p>Default data: daily AAPL prices bundled with the plugin (Yahoo Finance export,
 * 2010-01-04..2023-03-15), restricted to 2013-01-01..2023-01-01 unless {@code startDate} or
 * {@code endDate} say otherwise. A user's CSV ({@code --data}) is used whole by default.
 */
@Extension
public final class StockForecastProject implements LstmProject<StockState, StockData> {

    /** The bundled series. */
    static final String BUNDLED = "AAPL.csv";
    private static final LocalDate BUNDLED_START = LocalDate.of(2013, 1, 1);
    private static final LocalDate BUNDLED_END = LocalDate.of(2023, 1, 1);

    @Override
    public ProjectInfo info() {
        return new ProjectInfo("stock-forecast", "Stock price forecasting",
                "Next-day and multi-step close forecasts from daily OHLCV windows (LSTM 50-50-1)",
                ProjectInfo.Task.REGRESSION);
    }

    @Override
    public HyperParameters defaultHyperParameters() {
        return HyperParameters.builder()
                .put("window", 60)
                .put("features", "close")
                .put("representation", "window_normalised")
                .put("hiddenSize", 50)
                .put("layers", 2)
                .put("dropout", 0.0)
                .put("startDate", "")
                .put("endDate", "")
                .put("validationFraction", 0.1)
                .put("testFraction", 0.2)
                .put("horizon", 30)
                .put("epochs", 40)
                .put("patience", 8)
                .put("batchSize", 64)
                .put("learningRate", 0.001)
                .build();
    }

    @Override
    public Class<StockState> stateType() {
        return StockState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("window-normalised", Map.of("representation", "window_normalised")),
                new DemoVariant("global-minmax", Map.of("representation", "global_minmax")));
    }

    @Override
    public StockData prepare(ProjectContext ctx, StockState fitted) throws IOException {
        try {
            return prepareChecked(ctx, fitted);
        } catch (StockDataException e) {
            throw new LstmForgeException(e.getMessage(), e);
        }
    }

    private StockData prepareChecked(ProjectContext ctx, StockState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = hp.getInt("window", 2);
        List<Feature> features = parseFeatures(hp.get("features"));
        Representation representation = parseRepresentation(hp.get("representation"));
        List<String> required = new ArrayList<>(List.of("Date", "Close"));
        if (features.contains(Feature.VOLUME)) {
            required.add("Volume");
        }

        PriceSeries series;
        DataFingerprint fingerprint;
        LocalDate start = parseDate(hp, "startDate");
        LocalDate end = parseDate(hp, "endDate");
        if (ctx.dataPath().isPresent()) {
            Path file = ctx.dataPath().get();
            if (Files.isDirectory(file)) {
                throw new LstmForgeException("stock-forecast reads one CSV file, but " + file + " is a directory");
            }
            series = PriceCsvReader.read(file, required);
            fingerprint = DataFingerprint.ofFile(file, series.size());
        } else {
            byte[] bytes;
            try (InputStream in = StockForecastProject.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new LstmForgeException("the plugin jar lacks its bundled " + BUNDLED);
                }
                bytes = in.readAllBytes();
            }
            String name = BUNDLED + " (bundled with stock-forecast)";
            series = PriceCsvReader.read(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8), name, required);
            fingerprint = DataFingerprint.ofBytes(name, bytes, series.size());
            if (hp.get("startDate").isBlank() && hp.get("endDate").isBlank()) {
                start = BUNDLED_START;
                end = BUNDLED_END;
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> repairs = series.repairs();
        for (int i = 0; i < Math.min(5, repairs.size()); i++) {
            ctx.warn(repairs.get(i));
        }
        if (repairs.size() > 5) {
            ctx.warn((repairs.size() - 5) + " more cells were filled from their neighbours");
        }
        if (!repairs.isEmpty()) {
            notes.add(repairs.size() + " missing cell(s) filled with the mean of their neighbours");
        }

        FeatureMatrix m = FeatureMatrix.build(series, features);
        int firstTarget = Math.max(start == null ? 0 : m.rowOnOrAfter(start), window);
        int endTarget = end == null ? m.rows() : m.rowOnOrAfter(end);
        int n = endTarget - firstTarget;
        WindowEncoder.checkEnoughRows(series.source(), Math.max(0, endTarget), window);
        int test = (int) Math.round(n * fraction(hp, "testFraction"));
        int valid = (int) Math.round(n * fraction(hp, "validationFraction"));
        int train = n - test - valid;
        if (train < 1 || valid < 1 || test < 1) {
            throw new LstmForgeException(String.format(Locale.ROOT,
                    "%s: %d forecastable days in the chosen period (after %d-day windows) give %d training, %d "
                            + "validation and %d test days; each part needs at least one. Give more data or a "
                            + "smaller window", series.source(), Math.max(n, 0), window, Math.max(train, 0),
                    Math.max(valid, 0), Math.max(test, 0)));
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
        int batch = ctx.hyperParameters().getInt("batchSize", 1);
        NDManager manager = ctx.manager();
        Dataset trainSet = WindowDatasets.build(manager, m, enc, firstTarget, trainEnd, batch, true);
        Dataset validSet = WindowDatasets.build(manager, m, enc, trainEnd, validEnd, batch, false);
        notes.add(String.format(Locale.ROOT, "split by date: train %s..%s (%d days), validation %s..%s (%d), "
                        + "test %s..%s (%d); scaling fitted on the training part only",
                m.date(firstTarget), m.date(trainEnd - 1), train, m.date(trainEnd), m.date(validEnd - 1), valid,
                m.date(validEnd), m.date(endTarget - 1), test));
        return new StockData(trainSet, validSet, state, fingerprint, m, enc, validEnd, endTarget, notes);
    }

    @Override
    public Block newBlock(HyperParameters hp, StockState state) {
        return StockBlocks.build(hp);
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        double lr = hp.getDouble("learningRate");
        if (!(lr > 0)) {
            throw new LstmForgeException("hyper-parameter 'learningRate' must be > 0, got " + lr);
        }
        List<Evaluator> evaluators = List.of(new L1Loss("mae"));
        return new TrainingRecipe(new L2Loss("mse", 1f), evaluators,
                Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build());
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, StockData data, Model model) {
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator(null))) {
            WindowEncoder enc = data.encoder();
            WindowPredictor net = (windows, count) -> {
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    NDList in = new NDList(scope.create(windows,
                            new Shape(count, enc.windowSize(), enc.featureCount())));
                    return predictor.predict(in).head().toFloatArray();
                } catch (TranslateException e) {
                    throw new IllegalStateException("inference failed: " + e.getMessage(), e);
                }
            };
            return StockEvaluator.evaluate(data.matrix(), new Forecaster(enc, net), data.firstTest(),
                    data.endTest(), ctx.hyperParameters().getInt("horizon", 1),
                    enc.representation().name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new StockServingTranslator();
    }

    @Override
    public Class<? extends BlockFactory> blockFactoryClass() {
        return StockBlockFactory.class;
    }

    private static List<Feature> parseFeatures(String value) {
        List<Feature> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(Feature.parse(part));
            }
        }
        return Feature.normalise(out);
    }

    private static Representation parseRepresentation(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("window")) {
            return Representation.WINDOW_NORMALISED;
        }
        if (v.equals("minmax")) {
            return Representation.GLOBAL_MINMAX;
        }
        return Representation.parse(value);
    }

    private static LocalDate parseDate(HyperParameters hp, String key) {
        String v = hp.get(key).trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new LstmForgeException("hyper-parameter '" + key + "' must be a date like 2013-01-01, got '"
                    + v + "'");
        }
    }

    private static double fraction(HyperParameters hp, String key) {
        double f = hp.getDouble(key);
        if (!(f > 0 && f < 0.5)) {
            throw new LstmForgeException("hyper-parameter '" + key + "' must be between 0 and 0.5, got " + f);
        }
        return f;
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
