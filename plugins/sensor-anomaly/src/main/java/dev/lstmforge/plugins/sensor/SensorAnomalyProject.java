package dev.lstmforge.plugins.sensor;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.ServingTranslator;

import dev.lstmforge.plugins.sensor.block.SensorBlockFactory;
import dev.lstmforge.plugins.sensor.block.SensorBlocks;
import dev.lstmforge.plugins.sensor.block.WeightedBinaryCrossEntropy;
import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.Scaler;
import dev.lstmforge.plugins.sensor.data.SensorCsvReader;
import dev.lstmforge.plugins.sensor.data.SensorDataException;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.SyntheticSensors;
import dev.lstmforge.plugins.sensor.data.Windows;
import dev.lstmforge.plugins.sensor.evaluator.AnomalyEvaluator;
import dev.lstmforge.plugins.sensor.smote.Smote;
import dev.lstmforge.plugins.sensor.translator.SensorServingTranslator;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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

    @Override
    public ProjectInfo info() {
        return new ProjectInfo("sensor-anomaly", "Sensor anomaly detection",
                "LSTM autoencoder (unsupervised) and SMOTE + LSTM classifier (supervised) for sensor series",
                ProjectInfo.Task.ANOMALY_DETECTION);
    }

    @Override
    public HyperParameters defaultHyperParameters() {
        return HyperParameters.builder()
                .put("mode", "autoencoder")
                .put("labels", "")
                .put("labelKey", "")
                .put("window", 60)
                .put("stride", 1)
                .put("hiddenSize", 32)
                .put("layers", 1)
                .put("trainFraction", 0.5)
                .put("excludeLabelled", true)
                .put("thresholdRule", "percentile")
                .put("thresholdPercentile", 99.0)
                .put("zscoreWindow", 288)
                .put("testFraction", 0.25)
                .put("validationFraction", 0.125)
                .put("smote", false)
                .put("smoteK", 5)
                .put("smoteRatio", 1.0)
                .put("positiveWeight", 1.0)
                .put("epochs", 20)
                .put("patience", 4)
                .put("batchSize", 64)
                .put("learningRate", 0.002)
                .build();
    }

    @Override
    public Class<SensorState> stateType() {
        return SensorState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("autoencoder", Map.of("mode", "autoencoder")),
                new DemoVariant("classifier-smote", Map.of("mode", "classifier", "window", "30", "smote", "true",
                        "thresholdRule", "bestf1")),
                new DemoVariant("classifier-no-smote", Map.of("mode", "classifier", "window", "30", "smote", "false",
                        "thresholdRule", "bestf1")));
    }

    @Override
    public SensorData prepare(ProjectContext ctx, SensorState fitted) throws IOException {
        try {
            String mode = mode(ctx.hyperParameters());
            return mode.equals("classifier") ? prepareClassifier(ctx, fitted) : prepareAutoencoder(ctx, fitted);
        } catch (SensorDataException e) {
            throw new LstmForgeException(e.getMessage(), e);
        }
    }

    private static String mode(HyperParameters hp) {
        String mode = hp.get("mode").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("autoencoder") && !mode.equals("classifier")) {
            throw new LstmForgeException("hyper-parameter 'mode' must be autoencoder or classifier, got '"
                    + hp.get("mode") + "'");
        }
        return mode;
    }

    private SensorData prepareAutoencoder(ProjectContext ctx, SensorState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = hp.getInt("window", 2);
        int stride = hp.getInt("stride", 1);
        List<String> notes = new ArrayList<>();
        SensorSeries series;
        List<NabLabels.Window> nabWindows = null;
        DataFingerprint fp;
        Path data = ctx.dataPath().orElse(null);
        Path labelsFile = hp.get("labels").isBlank() ? null : Path.of(hp.get("labels"));
        if (data == null && ctx.dataRoot().map(r -> Files.isRegularFile(r.resolve(NAB_FILE))).orElse(false)) {
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
                String key = hp.get("labelKey").isBlank() ? data.getFileName().toString() : hp.get("labelKey");
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
                    + syn.injected().size() + " injected anomalies (spike, level shift, drift, stuck sensor)");
            notes.add("trained on generated sensor data, not real measurements");
        }
        series.repairs().forEach(ctx::warn);
        notes.addAll(series.repairs());

        int rows = series.rows();
        int trainEnd = (int) Math.round(rows * fraction(hp, "trainFraction", 0.05, 0.95));
        if (trainEnd < window * 3 || rows - trainEnd < window) {
            throw new LstmForgeException(String.format(Locale.ROOT,
                    "%s: %d rows give %d training and %d test rows; need at least %d and %d for %d-row windows",
                    series.source(), rows, trainEnd, rows - trainEnd, window * 3, window, window));
        }
        Scaler scaler = fitted == null ? Scaler.fitStandard(series, 0, trainEnd) : Scaler.fromState(fitted.scaler);
        double[][] scaled = scaler.transformAll(series);
        boolean[] labels = series.labels();
        boolean exclude = series.hasLabels() && hp.getBoolean("excludeLabelled");
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
        int batch = hp.getInt("batchSize", 1);
        NDManager m = ctx.manager();
        ArrayDataset train = reconstruction(m, scaled, trainStarts, window, batch, true);
        ArrayDataset valid = reconstruction(m, scaled, validStarts, window, batch, false);
        notes.add(String.format(Locale.ROOT, "split by time: training rows %s..%s (%d windows of %d rows, last 10%% "
                        + "for early stopping%s), test rows %s..%s; scaling fitted on the training rows",
                series.timestamp(0), series.timestamp(trainEnd - 1), starts.size(), window,
                exclude ? ", " + dropped + " windows touching labelled anomalies left out" : "",
                series.timestamp(trainEnd), series.timestamp(rows - 1)));

        SensorState state = fitted != null ? fitted : newState("autoencoder", series, scaler, window, hp);
        return new SensorData(train, valid, state, fp, scaler, series, trainEnd, nabWindows, null, null, notes);
    }

    private SensorData prepareClassifier(ProjectContext ctx, SensorState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        int window = hp.getInt("window", 2);
        List<String> notes = new ArrayList<>();
        List<SensorSeries> files = new ArrayList<>();
        DataFingerprint fp;
        Path folder = ctx.dataPath().orElse(null);
        if (folder == null && ctx.dataRoot().map(r -> Files.isDirectory(r.resolve(SKAB_FOLDER))).orElse(false)) {
            folder = ctx.dataRoot().get().resolve(SKAB_FOLDER);
        }
        if (folder != null) {
            List<Path> csvs = csvFiles(folder);
            StringBuilder hashes = new StringBuilder();
            long rows = 0;
            for (Path f : csvs) {
                SensorSeries s = SensorCsvReader.read(f);
                if (!s.hasLabels()) {
                    throw new LstmForgeException(f + " has no 'anomaly' (or 'label') column; mode=classifier needs "
                            + "labelled files (mode=autoencoder does not)");
                }
                s.repairs().forEach(ctx::warn);
                files.add(s);
                rows += s.rows();
                hashes.append(DataFingerprint.ofFile(f, s.rows()).sha256());
            }
            fp = DataFingerprint.ofBytes(folder + " (" + csvs.size() + " files)",
                    hashes.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), rows);
        } else {
            SensorSeries syn = SyntheticSensors.generate(ctx.seed(), 16_000, 4, 0.05).series();
            for (int i = 0; i < 8; i++) {
                files.add(syn.slice(i * 2_000, (i + 1) * 2_000));
            }
            fp = fingerprint(syn);
            ctx.warn("no data given (--data FOLDER) and no SKAB files under the data root; using a generated "
                    + "labelled series cut into 8 files");
            notes.add("trained on generated sensor data, not real measurements");
        }
        int n = files.size();
        int test = (int) Math.round(n * fraction(hp, "testFraction", 0.05, 0.6));
        int valid = (int) Math.round(n * fraction(hp, "validationFraction", 0.05, 0.6));
        int train = n - test - valid;
        if (test < 1 || valid < 1 || train < 1) {
            throw new LstmForgeException(String.format(Locale.ROOT, "%d labelled files give %d training, %d "
                    + "validation and %d test files; each part needs at least one", n, train, valid, test));
        }
        List<SensorSeries> trainFiles = files.subList(0, train);
        double[][] trainRows = trainFiles.stream().flatMap(f -> java.util.Arrays.stream(f.values()))
                .toArray(double[][]::new);
        for (SensorSeries f : files) {
            if (!f.columns().equals(files.get(0).columns())) {
                throw new LstmForgeException(f.source() + " has columns " + f.columns() + " but "
                        + files.get(0).source() + " has " + files.get(0).columns() + "; all files must match");
            }
        }
        Scaler scaler;
        if (fitted == null) {
            // Fitted on the training files' rows together, then named after their columns.
            Scaler.State named = Scaler.fitStandard(trainRows, 0, trainRows.length).state();
            named.columns = files.get(0).columns();
            scaler = Scaler.fromState(named);
        } else {
            scaler = Scaler.fromState(fitted.scaler);
        }
        List<float[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (SensorSeries f : trainFiles) {
            addWindows(scaler.transformAll(f), f.labels(), window, xs, ys);
        }
        float[][] x = xs.toArray(new float[0][]);
        boolean[] y = new boolean[ys.size()];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
            positives += y[i] ? 1 : 0;
        }
        String balance = String.format(Locale.ROOT, "%d training windows, %d anomalous (%.1f%%)", y.length, positives,
                100.0 * positives / Math.max(1, y.length));
        if (hp.getBoolean("smote")) {
            Smote.Result r = new Smote(hp.getInt("smoteK", 1), hp.getDouble("smoteRatio"), ctx.seed()).resample(x, y);
            x = r.x();
            y = r.y();
            balance += String.format(Locale.ROOT, "; SMOTE (k=%d, ratio %.2f) added %d synthetic anomalous windows, "
                    + "training windows only", r.kUsed(), hp.getDouble("smoteRatio"), r.synthetic());
            r.notes().forEach(notes::add);
        }
        notes.add(balance);
        List<float[]> vx = new ArrayList<>();
        List<Boolean> vy = new ArrayList<>();
        for (SensorSeries f : files.subList(train, train + valid)) {
            addWindows(scaler.transformAll(f), f.labels(), window, vx, vy);
        }
        int batch = hp.getInt("batchSize", 1);
        int channels = scaler.state().columns.size();
        ArrayDataset trainSet = classification(ctx.manager(), x, y, window, channels, batch, true);
        boolean[] vyArr = new boolean[vy.size()];
        for (int i = 0; i < vyArr.length; i++) {
            vyArr[i] = vy.get(i);
        }
        ArrayDataset validSet = classification(ctx.manager(), vx.toArray(new float[0][]), vyArr, window, channels,
                batch, false);
        notes.add(String.format(Locale.ROOT, "files: %d for training, %d for validation (threshold), %d for test; "
                + "windows of %d rows labelled by their last row; scaling fitted on the training files", train, valid,
                test, window));
        SensorState state = fitted != null ? fitted : newState("classifier", files.get(0), scaler, window, hp);
        return new SensorData(trainSet, validSet, state, fp, scaler, null, 0, null,
                files.subList(train, train + valid), files.subList(train + valid, n), notes);
    }

    /** Hashes generated data by its values, so provenance still pins exactly what was trained on. */
    private static DataFingerprint fingerprint(SensorSeries s) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(s.rows() * (s.columns().size() + 1) * 8);
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
            throw new LstmForgeException("mode=classifier reads a folder of labelled CSV files, but " + folder
                    + " is not a folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> csvs = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted(Comparator.comparing(SensorAnomalyProject::naturalKey)).toList();
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
        return digits.isEmpty() ? name : String.format(Locale.ROOT, "%012d%s", Long.parseLong(
                digits.length() > 12 ? digits.substring(0, 12) : digits), name);
    }

    private static void addWindows(double[][] scaled, boolean[] labels, int window, List<float[]> xs,
            List<Boolean> ys) {
        int channels = scaled[0].length;
        for (int s = 0; s + window <= scaled.length; s++) {
            float[] w = new float[window * channels];
            Windows.fill(scaled, s, window, w, 0);
            xs.add(w);
            ys.add(labels[s + window - 1]);
        }
    }

    private static ArrayDataset reconstruction(NDManager m, double[][] scaled, List<Integer> starts, int window,
            int batch, boolean shuffle) {
        int channels = scaled[0].length;
        int size = window * channels;
        float[] x = new float[starts.size() * size];
        for (int i = 0; i < starts.size(); i++) {
            Windows.fill(scaled, starts.get(i), window, x, i * size);
        }
        var arr = m.create(x, new Shape(starts.size(), window, channels));
        return new ArrayDataset.Builder().setData(arr).optLabels(arr).setSampling(batch, shuffle).build();
    }

    private static ArrayDataset classification(NDManager m, float[][] x, boolean[] y, int window, int channels,
            int batch, boolean shuffle) {
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
                .setSampling(batch, shuffle).build();
    }

    private static boolean anyLabelled(boolean[] labels, int from, int to) {
        for (int i = from; i < to; i++) {
            if (labels[i]) {
                return true;
            }
        }
        return false;
    }

    private static SensorState newState(String mode, SensorSeries source, Scaler scaler, int window,
            HyperParameters hp) {
        SensorState s = new SensorState();
        s.mode = mode;
        s.columns = scaler.state().columns;
        s.scaler = scaler.state();
        s.window = window;
        s.dataSource = source.source();
        s.thresholdRule = hp.get("thresholdRule");
        return s;
    }

    private static double fraction(HyperParameters hp, String key, double min, double max) {
        double f = hp.getDouble(key);
        if (!(f >= min && f <= max)) {
            throw new LstmForgeException("hyper-parameter '" + key + "' must be between " + min + " and " + max
                    + ", got " + f);
        }
        return f;
    }

    @Override
    public Block newBlock(HyperParameters hp, SensorState state) {
        return SensorBlocks.build(hp, state.columns.size());
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        double lr = hp.getDouble("learningRate");
        if (!(lr > 0)) {
            throw new LstmForgeException("hyper-parameter 'learningRate' must be > 0, got " + lr);
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).optClipGrad(5f).build();
        if ("classifier".equals(mode(hp))) {
            return new TrainingRecipe(new WeightedBinaryCrossEntropy("bce", (float) hp.getDouble("positiveWeight")),
                    List.of(), adam);
        }
        return new TrainingRecipe(new L2Loss("mse", 1f), List.of(), adam);
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, SensorData data, Model model) {
        try {
            return AnomalyEvaluator.evaluate(ctx, data, model.getBlock());
        } catch (SensorDataException e) {
            throw new LstmForgeException(e.getMessage(), e);
        }
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new SensorServingTranslator();
    }

    @Override
    public Class<? extends BlockFactory> blockFactoryClass() {
        return SensorBlockFactory.class;
    }
}
