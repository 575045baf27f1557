package dev.lstmforge.plugins.sensor;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.translate.ServingTranslator;
import dev.lstmforge.plugins.sensor.block.WeightedBinaryCrossEntropy;
import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.SensorCsvReader;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.SeriesScaling;
import dev.lstmforge.plugins.sensor.data.SyntheticSensors;
import dev.lstmforge.plugins.sensor.data.TimeGaps;
import dev.lstmforge.plugins.sensor.evaluator.AnomalyEvaluator;
import dev.lstmforge.plugins.sensor.translator.SensorServingTranslator;
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
import dev.lstmforge.support.data.Scaler;
import dev.lstmforge.support.data.Smote;
import dev.lstmforge.support.data.Windows;
import dev.lstmforge.support.train.CommonParams;
import dev.lstmforge.support.train.Recipes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Industrial sensor anomaly detection, two ways.
 *
 * <p>{@code mode=autoencoder} (unsupervised): one series (NAB or SKAB style CSV) split by time;
 * the first {@code trainFraction} trains an LSTM autoencoder on windows presumed normal (when
 * labels are known, training windows that touch a labelled anomaly are left out); a point's
 * anomaly score is the mean reconstruction error of the windows covering it; the alert
 * threshold is a percentile of the training points' scores ({@code thresholdRule=percentile}) or
 * the best-F1 cut on the labelled training part ({@code bestf1}). Default data: NAB
 * {@code machine_temperature_system_failure} with its label windows from the data root, else a
 * generated series with injected anomalies.
 *
 * <p>{@code mode=classifier} (supervised): a folder of labelled SKAB-style files; the first files
 * train, the next validate (and choose the threshold), the last test; windows are labelled by
 * their last point; optional SMOTE on the training windows only and an optional weight on the
 * anomaly class. Default data: SKAB {@code valve1}, else a generated series cut into files.
 */
@Extension
public final class SensorAnomalyProject implements LstmProject<SensorState, SensorData> {

    static final String NAB_FILE = "sensor/nab/machine_temperature_system_failure.csv";
    static final String NAB_LABELS = "sensor/nab/combined_windows.json";
    static final String SKAB_FOLDER = "sensor/skab/valve1";

    /** Gaps between timestamps longer than this many typical steps are reported. */
    static final double GAP_FACTOR = 10;

    /** Unsupervised autoencoder or supervised classifier. */
    public static final Param<String> MODE = Param.choice(
            "mode",
            "autoencoder",
            List.of("autoencoder", "classifier"),
            "autoencoder: unsupervised, one series; classifier: supervised, a folder of labelled files");

    /** NAB label windows for the autoencoder's series. */
    public static final Param<String> LABELS = Param.text(
                    "labels",
                    "",
                    "NAB combined_windows.json labelling the series (autoencoder); default: the data root's, for NAB data")
            .perRun();

    /** Key of the series in the labels file. */
    public static final Param<String> LABEL_KEY = Param.text(
                    "labelKey", "", "key of the series in the labels file; default: found by the data file's name")
            .perRun();

    /** Rows per input window. */
    public static final Param<Integer> WINDOW = Param.integer("window", 60, 2, 10_000, "rows per input window");

    /** Rows between the starts of training windows. */
    public static final Param<Integer> STRIDE =
            Param.integer("stride", 1, 1, 10_000, "rows between the starts of training windows (autoencoder)");

    /** Units per LSTM layer. */
    public static final Param<Integer> HIDDEN_SIZE = CommonParams.HIDDEN_SIZE.withDefault(32);

    /** LSTM layers of the encoder, the decoder or the classifier. */
    public static final Param<Integer> LAYERS = CommonParams.LAYERS.withDefault(1);

    /** Share of the series, from its start, that trains the autoencoder. */
    public static final Param<Double> TRAIN_FRACTION = Param.real(
            "trainFraction", 0.5, 0.05, 0.95, "share of the series, from its start, used for training (autoencoder)");

    /** Leave training windows that touch a labelled anomaly out. */
    public static final Param<Boolean> EXCLUDE_LABELLED = Param.flag(
                    "excludeLabelled", true, "leave out training windows that touch a labelled anomaly (autoencoder)")
            .perRun();

    /** How the alert threshold is chosen. */
    public static final Param<String> THRESHOLD_RULE = Param.choice(
                    "thresholdRule",
                    "percentile",
                    List.of("percentile", "bestf1"),
                    "percentile of the training scores (classifier: probability 0.5), or "
                            + "the best F1 on labelled training (autoencoder) or validation (classifier) data")
            .perRun();

    /** The percentile of the training scores used as the threshold. */
    public static final Param<Double> THRESHOLD_PERCENTILE = Param.real(
                    "thresholdPercentile",
                    99.0,
                    1,
                    99.999,
                    "percentile of the training points' scores used as the threshold (thresholdRule=percentile)")
            .perRun();

    /** History of the rolling z-score baseline. */
    public static final Param<Integer> ZSCORE_WINDOW =
            Param.integer("zscoreWindow", 288, 2, 1_000_000, "rows of history of the rolling z-score baseline");

    /** Share of the files held out for the test (classifier). */
    public static final Param<Double> TEST_FRACTION = CommonParams.TEST_FRACTION.withDefault(0.25);

    /** Share of the files held out for validation and the threshold (classifier). */
    public static final Param<Double> VALIDATION_FRACTION = CommonParams.VALIDATION_FRACTION.withDefault(0.125);

    /** Over-sample anomalous training windows. */
    public static final Param<Boolean> SMOTE = Param.flag(
            "smote", false, "over-sample anomalous training windows with SMOTE (classifier; training files only)");

    /** SMOTE's neighbours. */
    public static final Param<Integer> SMOTE_K =
            Param.integer("smoteK", Smote.DEFAULT_K, 1, 100, "neighbours SMOTE interpolates towards");

    /** Wanted anomalous/normal ratio after SMOTE. */
    public static final Param<Double> SMOTE_RATIO = Param.real(
            "smoteRatio",
            Smote.DEFAULT_RATIO,
            0.01,
            1.0,
            "wanted anomalous/normal ratio of training windows after SMOTE");

    /** Loss weight of anomalous windows. */
    public static final Param<Double> POSITIVE_WEIGHT =
            Param.real("positiveWeight", 1.0, 0.01, 1000, "loss weight of anomalous windows (classifier)");

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "sensor-anomaly",
                "Sensor anomaly detection",
                "LSTM autoencoder (unsupervised) and SMOTE + LSTM classifier (supervised) for sensor series",
                ProjectInfo.Task.ANOMALY_DETECTION);
    }

    @Override
    public List<Param<?>> parameters() {
        return TrainingParams.defaults()
                .epochs(20)
                .patience(4)
                .learningRate(0.002)
                .after(
                        MODE,
                        LABELS,
                        LABEL_KEY,
                        WINDOW,
                        STRIDE,
                        HIDDEN_SIZE,
                        LAYERS,
                        TRAIN_FRACTION,
                        EXCLUDE_LABELLED,
                        THRESHOLD_RULE,
                        THRESHOLD_PERCENTILE,
                        ZSCORE_WINDOW,
                        TEST_FRACTION,
                        VALIDATION_FRACTION,
                        SMOTE,
                        SMOTE_K,
                        SMOTE_RATIO,
                        POSITIVE_WEIGHT);
    }

    @Override
    public Class<SensorState> stateType() {
        return SensorState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("autoencoder", Map.of("mode", "autoencoder")),
                new DemoVariant(
                        "classifier-smote",
                        Map.of("mode", "classifier", "window", "30", "smote", "true", "thresholdRule", "bestf1")),
                new DemoVariant(
                        "classifier-no-smote",
                        Map.of("mode", "classifier", "window", "30", "smote", "false", "thresholdRule", "bestf1")));
    }

    @Override
    public SensorData prepare(ProjectContext ctx, SensorState fitted) throws IOException {
        String mode = fitted != null ? fitted.mode : ctx.hyperParameters().get(MODE);
        if (fitted != null && ctx.purpose() == ProjectContext.Purpose.FINE_TUNE) {
            // the scaler and window stay; the alert threshold belongs to the old weights and is
            // chosen again by the evaluation of the fine-tuned model
            fitted.threshold = null;
        }
        return "classifier".equals(mode) ? prepareClassifier(ctx, fitted) : prepareAutoencoder(ctx, fitted);
    }

    private SensorData prepareAutoencoder(ProjectContext ctx, SensorState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = fitted != null ? fitted.window : hp.get(WINDOW);
        int stride = hp.get(STRIDE);
        List<String> notes = new ArrayList<>();
        SensorSeries series;
        List<NabLabels.Window> nabWindows = null;
        DataFingerprint fp;
        Path data = ctx.dataPath().orElse(null);
        Path labelsFile = hp.get(LABELS).isBlank() ? null : Path.of(hp.get(LABELS));
        if (data == null
                && ctx.dataRoot()
                        .map(r -> Files.isRegularFile(r.resolve(NAB_FILE)))
                        .orElse(false)) {
            data = ctx.dataRoot().get().resolve(NAB_FILE);
            if (labelsFile == null) {
                labelsFile = ctx.dataRoot().get().resolve(NAB_LABELS);
            }
        }
        if (data != null) {
            if (Files.isDirectory(data)) {
                throw new LstmForgeException("mode=autoencoder reads one CSV file, but " + data
                        + " is a folder (mode=classifier reads folders)");
            }
            series = SensorCsvReader.read(data);
            fp = DataFingerprint.ofFile(data, series.rows());
            if (labelsFile != null) {
                NabLabels labels = NabLabels.read(labelsFile);
                String key = hp.get(LABEL_KEY).isBlank() ? data.getFileName().toString() : hp.get(LABEL_KEY);
                String resolved = labels.resolve(key);
                nabWindows = labels.windows(resolved);
                series = series.withLabels(NabLabels.pointLabels(series, nabWindows));
                notes.add("labels: " + nabWindows.size() + " NAB windows for " + resolved + " from "
                        + labelsFile.getFileName());
            }
        } else {
            SyntheticSensors.Result syn = SyntheticSensors.generate(ctx.seed(), 20_000, 4, 0.01);
            series = syn.series();
            fp = fingerprint(series);
            ctx.warn("no data given (--data) and no NAB series under the data root; using a generated series with "
                    + syn.injected().size() + " injected anomalies (spike, level shift, drift, stuck sensor), "
                    + "not real measurements");
        }
        series.repairs().forEach(ctx::warn);
        TimeGaps.of(series, GAP_FACTOR).warning().ifPresent(ctx::warn);

        int rows = series.rows();
        int trainEnd = (int) Math.round(rows * hp.get(TRAIN_FRACTION));
        if (trainEnd < window * 3 || rows - trainEnd < window) {
            throw new LstmForgeException(String.format(
                    Locale.ROOT,
                    "%s: %d rows give %d training and %d test rows; need at least %d and %d for %d-row windows",
                    series.source(),
                    rows,
                    trainEnd,
                    rows - trainEnd,
                    window * 3,
                    window,
                    window));
        }
        if (fitted != null) {
            series = series.select(fitted.columns);
        }
        Scaler scaler =
                fitted == null ? SeriesScaling.fitStandard(series, 0, trainEnd) : Scaler.fromState(fitted.scaler);
        double[][] scaled = SeriesScaling.scale(scaler, series);
        boolean[] labels = series.labels();
        boolean exclude = series.hasLabels() && hp.get(EXCLUDE_LABELLED);
        List<Integer> starts = new ArrayList<>();
        int dropped = 0;
        for (int s = 0; s + window <= trainEnd; s += stride) {
            if (exclude && anyLabelled(labels, s, s + window)) {
                dropped++;
            } else {
                starts.add(s);
            }
        }
        int validCount = Math.max(1, starts.size() / 10);
        List<Integer> trainStarts = starts.subList(0, starts.size() - validCount);
        List<Integer> validStarts = starts.subList(starts.size() - validCount, starts.size());
        if (trainStarts.isEmpty()) {
            throw new LstmForgeException(series.source() + ": no training windows left after leaving out labelled "
                    + "anomalies; use a larger trainFraction or -P excludeLabelled=false");
        }
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        NDManager m = ctx.manager();
        ArrayDataset train = reconstruction(m, scaled, trainStarts, window, batch, true);
        ArrayDataset valid = reconstruction(m, scaled, validStarts, window, batch, false);
        notes.add(String.format(
                Locale.ROOT,
                "split by time: training rows %s..%s (%d windows of %d rows, last 10%% "
                        + "for early stopping%s), test rows %s..%s; scaling fitted on the training rows",
                series.timestamp(0),
                series.timestamp(trainEnd - 1),
                starts.size(),
                window,
                exclude ? ", " + dropped + " windows touching labelled anomalies left out" : "",
                series.timestamp(trainEnd),
                series.timestamp(rows - 1)));

        SensorState state = fitted != null ? fitted : newState("autoencoder", series, scaler, window, hp);
        return new SensorData(train, valid, state, fp, scaler, series, trainEnd, nabWindows, null, null, notes);
    }

    private SensorData prepareClassifier(ProjectContext ctx, SensorState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = fitted != null ? fitted.window : hp.get(WINDOW);
        List<String> notes = new ArrayList<>();
        List<SensorSeries> files = new ArrayList<>();
        DataFingerprint fp;
        Path folder = ctx.dataPath().orElse(null);
        if (folder == null
                && ctx.dataRoot()
                        .map(r -> Files.isDirectory(r.resolve(SKAB_FOLDER)))
                        .orElse(false)) {
            folder = ctx.dataRoot().get().resolve(SKAB_FOLDER);
        }
        if (folder != null) {
            List<Path> csvs = csvFiles(folder);
            StringBuilder hashes = new StringBuilder();
            long rows = 0;
            for (Path f : csvs) {
                SensorSeries s = SensorCsvReader.read(f);
                if (!s.hasLabels()) {
                    throw new DataException(f + " has no 'anomaly' (or 'label') column; mode=classifier needs "
                            + "labelled files (mode=autoencoder does not)");
                }
                s.repairs().forEach(ctx::warn);
                TimeGaps.of(s, GAP_FACTOR).warning().ifPresent(ctx::warn);
                files.add(s);
                rows += s.rows();
                hashes.append(DataFingerprint.ofFile(f, s.rows()).sha256());
            }
            fp = DataFingerprint.ofBytes(
                    folder + " (" + csvs.size() + " files)",
                    hashes.toString().getBytes(StandardCharsets.US_ASCII),
                    rows);
        } else {
            SensorSeries syn =
                    SyntheticSensors.generate(ctx.seed(), 16_000, 4, 0.05).series();
            for (int i = 0; i < 8; i++) {
                files.add(syn.slice(i * 2_000, (i + 1) * 2_000));
            }
            fp = fingerprint(syn);
            ctx.warn("no data given (--data FOLDER) and no SKAB files under the data root; using a generated "
                    + "labelled series cut into 8 files, not real measurements");
        }
        int n = files.size();
        int test = (int) Math.round(n * hp.get(TEST_FRACTION));
        int valid = (int) Math.round(n * hp.get(VALIDATION_FRACTION));
        int train = n - test - valid;
        if (test < 1 || valid < 1 || train < 1) {
            throw new LstmForgeException(String.format(
                    Locale.ROOT,
                    "%d labelled files give %d training, %d "
                            + "validation and %d test files; each part needs at least one",
                    n,
                    train,
                    valid,
                    test));
        }
        List<String> columns = fitted != null ? fitted.columns : files.get(0).columns();
        for (int i = 0; i < n; i++) {
            SensorSeries f = files.get(i);
            if (fitted == null && !f.columns().equals(columns)) {
                throw new DataException(f.source() + " has columns " + f.columns() + " but "
                        + files.get(0).source() + " has " + columns + "; all files must have the same sensor columns");
            }
            files.set(i, f.select(columns));
        }
        if (folder != null) {
            ctx.warn(String.format(
                    Locale.ROOT,
                    "%s: %d files split in name order: training %s; validation %s; " + "test %s",
                    folder.getFileName(),
                    n,
                    names(files.subList(0, train)),
                    names(files.subList(train, train + valid)),
                    names(files.subList(train + valid, n))));
        }
        List<SensorSeries> trainFiles = files.subList(0, train);
        Scaler scaler;
        if (fitted == null) {
            double[][] trainRows =
                    trainFiles.stream().flatMap(f -> Arrays.stream(f.values())).toArray(double[][]::new);
            scaler = Scaler.builder()
                    .setKind(Scaler.Kind.STANDARD)
                    .optColumns(columns)
                    .optSource("the training files " + names(trainFiles))
                    .fit(trainRows, 0, trainRows.length);
        } else {
            scaler = Scaler.fromState(fitted.scaler);
        }
        List<float[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (SensorSeries f : trainFiles) {
            addWindows(SeriesScaling.scale(scaler, f), f.labels(), window, xs, ys);
        }
        float[][] x = xs.toArray(new float[0][]);
        boolean[] y = toArray(ys);
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        String balance = String.format(
                Locale.ROOT,
                "%d training windows, %d anomalous (%.1f%%)",
                y.length,
                positives,
                100.0 * positives / Math.max(1, y.length));
        if (hp.get(SMOTE)) {
            Smote.Result r = new Smote(hp.get(SMOTE_K), hp.get(SMOTE_RATIO), ctx.seed()).resample(x, y);
            x = r.x();
            y = r.y();
            balance += String.format(
                    Locale.ROOT,
                    "; SMOTE (k=%d, ratio %.2f) added %d synthetic anomalous windows, " + "training windows only",
                    r.kUsed(),
                    hp.get(SMOTE_RATIO),
                    r.synthetic());
            r.notes().stream()
                    .filter(note -> note.startsWith("kNeighbors lowered"))
                    .forEach(note -> ctx.warn("SMOTE: " + note));
        }
        notes.add(balance);
        List<float[]> vx = new ArrayList<>();
        List<Boolean> vy = new ArrayList<>();
        for (SensorSeries f : files.subList(train, train + valid)) {
            addWindows(SeriesScaling.scale(scaler, f), f.labels(), window, vx, vy);
        }
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        int channels = columns.size();
        ArrayDataset trainSet = classification(ctx.manager(), x, y, window, channels, batch, true);
        ArrayDataset validSet =
                classification(ctx.manager(), vx.toArray(new float[0][]), toArray(vy), window, channels, batch, false);
        notes.add(String.format(
                Locale.ROOT,
                "files: %d for training, %d for validation (threshold), %d for test; "
                        + "windows of %d rows labelled by their last row; scaling fitted on the training files",
                train,
                valid,
                test,
                window));
        SensorState state = fitted != null ? fitted : newState("classifier", files.get(0), scaler, window, hp);
        return new SensorData(
                trainSet,
                validSet,
                state,
                fp,
                scaler,
                null,
                0,
                null,
                files.subList(train, train + valid),
                files.subList(train + valid, n),
                notes);
    }

    private static String names(List<SensorSeries> files) {
        return files.stream()
                .map(f -> Path.of(f.source()).getFileName().toString())
                .collect(Collectors.joining(", "));
    }

    private static boolean[] toArray(List<Boolean> list) {
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** Hashes generated data by its values, so provenance still pins exactly what was trained on. */
    private static DataFingerprint fingerprint(SensorSeries s) {
        ByteBuffer buf = ByteBuffer.allocate(s.rows() * (s.columns().size() + 1) * 8);
        for (int r = 0; r < s.rows(); r++) {
            buf.putLong(s.epochMillis(r));
            for (int c = 0; c < s.columns().size(); c++) {
                buf.putDouble(s.value(r, c));
            }
        }
        return DataFingerprint.ofBytes(s.source(), buf.array(), s.rows());
    }

    private static List<Path> csvFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new LstmForgeException(
                    "mode=classifier reads a folder of labelled CSV files, but " + folder + " is not a folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> csvs = s.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted(Comparator.comparing(SensorAnomalyProject::naturalKey))
                    .toList();
            if (csvs.size() < 3) {
                throw new LstmForgeException(folder + " holds " + csvs.size() + " CSV file(s); mode=classifier needs "
                        + "at least 3 (training, validation, test)");
            }
            return csvs;
        }
    }

    /** Orders 2.csv before 10.csv. */
    private static String naturalKey(Path p) {
        String name = p.getFileName().toString();
        String digits = name.replaceAll("\\D", "");
        return digits.isEmpty()
                ? name
                : String.format(
                        Locale.ROOT,
                        "%012d%s",
                        Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits),
                        name);
    }

    private static void addWindows(
            double[][] scaled, boolean[] labels, int window, List<float[]> xs, List<Boolean> ys) {
        int channels = scaled[0].length;
        for (int s = 0; s + window <= scaled.length; s++) {
            float[] w = new float[window * channels];
            Windows.fill(scaled, s, window, w, 0);
            xs.add(w);
            ys.add(labels[s + window - 1]);
        }
    }

    private static ArrayDataset reconstruction(
            NDManager m, double[][] scaled, List<Integer> starts, int window, int batch, boolean shuffle) {
        int channels = scaled[0].length;
        int size = window * channels;
        float[] x = new float[starts.size() * size];
        for (int i = 0; i < starts.size(); i++) {
            Windows.fill(scaled, starts.get(i), window, x, i * size);
        }
        var arr = m.create(x, new Shape(starts.size(), window, channels));
        return new ArrayDataset.Builder()
                .setData(arr)
                .optLabels(arr)
                .setSampling(batch, shuffle)
                .build();
    }

    private static ArrayDataset classification(
            NDManager m, float[][] x, boolean[] y, int window, int channels, int batch, boolean shuffle) {
        int size = window * channels;
        float[] flat = new float[x.length * size];
        float[] labels = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * size, size);
            labels[i] = y[i] ? 1f : 0f;
        }
        return new ArrayDataset.Builder()
                .setData(m.create(flat, new Shape(x.length, window, channels)))
                .optLabels(m.create(labels, new Shape(x.length, 1)))
                .setSampling(batch, shuffle)
                .build();
    }

    private static boolean anyLabelled(boolean[] labels, int from, int to) {
        for (int i = from; i < to; i++) {
            if (labels[i]) {
                return true;
            }
        }
        return false;
    }

    private static SensorState newState(
            String mode, SensorSeries source, Scaler scaler, int window, HyperParameters hp) {
        SensorState s = new SensorState();
        s.mode = mode;
        s.columns = scaler.columnNames();
        s.scaler = scaler.state();
        s.window = window;
        s.dataSource = source.source();
        s.thresholdRule = hp.get(THRESHOLD_RULE);
        return s;
    }

    @Override
    public Block newBlock(HyperParameters hp, SensorState state) {
        int hidden = hp.get(HIDDEN_SIZE);
        int layers = hp.get(LAYERS);
        return "classifier".equals(state.mode)
                ? LstmBlocks.lastStepHead(hidden, layers, 0, 1)
                : LstmBlocks.encoderDecoder(hidden, layers, state.window, state.columns.size());
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        Loss loss = "classifier".equals(hp.get(MODE))
                ? new WeightedBinaryCrossEntropy("bce", hp.get(POSITIVE_WEIGHT).floatValue())
                : new L2Loss("mse", 1f);
        return Recipes.adam(hp, loss, List.of());
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, SensorData data, Model model) {
        return AnomalyEvaluator.evaluate(ctx, data, model.getBlock());
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new SensorServingTranslator();
    }
}
