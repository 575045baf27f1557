package dev.lstmforge.plugins.sensor.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.plugins.sensor.SensorDrift;
import dev.lstmforge.plugins.sensor.SensorState;
import dev.lstmforge.plugins.sensor.data.SensorCsvReader;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.SeriesScaling;
import dev.lstmforge.plugins.sensor.data.TimeGaps;
import dev.lstmforge.plugins.sensor.dataset.WindowScoring;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.TableScoring;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.Scaler;
import dev.lstmforge.support.data.Windows;
import dev.lstmforge.support.serving.ProjectServingTranslator;
import dev.lstmforge.support.serving.RequestMemo;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores a CSV of sensor readings: the one inference path of the sensor models (CLI
 * {@code predict}, the Java API, DJL Serving).
 *
 * <p>Request body: a CSV with a time column and (at least) the sensor columns the model was
 * trained on, same format rules as training (comma or semicolon, gaps interpolated, disorder
 * sorted). Response: JSON {@code {"mode", "threshold", "rows", "flaggedCount", "flagged":
 * [{"timestamp", "score"}], "warnings": [...], "scores": [...]}}; {@code warnings} lists repairs
 * made to the CSV, long time gaps and columns whose values lie far outside the training range
 * (where every point tends to be flagged); {@code scores} (one per row) comes only when the
 * request property {@code scores=true}.
 *
 * <p>A request is a whole series, not one fixed-size sample: {@link #encode} hands the predictor
 * the first window, and {@link #decode} scores every window of the series with the model's block,
 * 512 windows per forward pass.
 */
public final class SensorServingTranslator extends ProjectServingTranslator<SensorState>
        implements DriftFeatures, TableScoring {

    private static final String SERIES = "series";
    private static final String SCALED = "scaled";
    private static final String WARNINGS = "warnings";
    private static final String SCORES = "scores";
    private static final int MAX_FLAGGED = 10_000;
    private static final double GAP_FACTOR = 10;

    private Scaler scaler;

    /** Creates the translator; DJL Serving calls this by name. */
    public SensorServingTranslator() {
        super(SensorState.class, "scoring");
    }

    /** The attachment holding the request itself, to key its scores. */
    private static final String INPUT = "input";

    /** Scores of requests answered but not yet asked for. */
    private final RequestMemo<double[]> recentScores = new RequestMemo<>();

    @Override
    protected void onLoad(Path modelDir, SensorState state, HyperParameters hp) {
        scaler = Scaler.fromState(state.scaler);
    }

    /**
     * The answer's per-reading anomaly scores (autoencoder mode), kept when it was decoded, so
     * they are watched whether or not the client asked to receive them.
     */
    @Override
    public Map<String, double[]> outputFeatures(Input input, Output output) {
        double[] scores = recentScores.take(input);
        return scores == null ? Map.of() : Map.of(SensorDrift.SCORE, scores);
    }

    /** The step-to-step changes of every column the request's CSV holds ({@link SensorDrift}). */
    @Override
    public Map<String, double[]> driftFeatures(Input input) throws TranslateException {
        String text = input.getData() == null ? "" : input.getData().getAsString();
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            SensorSeries series = SensorCsvReader.read(new StringReader(text), "request");
            return SensorDrift.of(series, series.rows());
        } catch (RuntimeException e) {
            throw new TranslateException("bad sensor request: " + e.getMessage(), e);
        }
    }

    /** A batch job sends each entity's whole series; the answer scores each row. */
    @Override
    public Unit scoringUnit() {
        return Unit.SERIES;
    }

    @Override
    public List<String> valueColumns() {
        return List.copyOf(state().columns);
    }

    /** A series shorter than one window cannot be scored. */
    @Override
    public int contextRows() {
        return state().window;
    }

    /** Every row's score is wanted, not only the flagged ones. */
    @Override
    public Map<String, String> scoringProperties() {
        return Map.of(SCORES, "true");
    }

    /** {@code score} (the same score {@code predict} gives) and {@code flag} (score at or above the threshold). */
    @Override
    public List<ScoreColumn> scoreColumns() {
        return List.of(
                new ScoreColumn("score", ScoreColumn.Type.DOUBLE), new ScoreColumn("flag", ScoreColumn.Type.BOOLEAN));
    }

    @Override
    public List<Object[]> scoreRows(String answer, int rows) {
        JsonObject json = JsonUtils.GSON.fromJson(answer, JsonObject.class);
        if (json == null || !json.has(SCORES) || !json.has("threshold")) {
            throw new IllegalArgumentException("the answer has no 'scores' or 'threshold'; was scores=true sent?");
        }
        JsonArray scores = json.getAsJsonArray(SCORES);
        if (scores.size() != rows) {
            // the CSV reader drops rows that repeat a timestamp; the scores then no longer line up
            throw new IllegalArgumentException(
                    rows + " rows sent but " + scores.size() + " scored (rows that repeat a timestamp are dropped)");
        }
        double threshold = json.get("threshold").getAsDouble();
        List<Object[]> out = new ArrayList<>(rows);
        for (JsonElement e : scores) {
            double score = e.getAsDouble();
            out.add(new Object[] {score, score >= threshold});
        }
        return out;
    }

    @Override
    protected NDList encode(TranslatorContext ctx, String body, Input input) {
        SensorState state = state();
        if (body.isBlank()) {
            throw new DataException("send a CSV with a time column and the columns " + state.columns);
        }
        SensorSeries series =
                SensorCsvReader.read(new StringReader(body), "request").select(state.columns);
        if (series.rows() < state.window) {
            throw new DataException(
                    "request: " + series.rows() + " rows, need at least " + state.window + " (one window)");
        }
        List<String> warnings = new ArrayList<>(series.repairs());
        TimeGaps.of(series, GAP_FACTOR).warning().ifPresent(warnings::add);
        warnings.addAll(SeriesScaling.rangeWarnings(scaler, series, 0, series.rows()));
        double[][] scaled = SeriesScaling.scale(scaler, series);
        ctx.setAttachment(SERIES, series);
        ctx.setAttachment(SCALED, scaled);
        ctx.setAttachment(WARNINGS, warnings);
        ctx.setAttachment(SCORES, Boolean.parseBoolean(input.getProperty("scores", "false")));
        ctx.setAttachment(INPUT, input);
        float[] first = new float[state.window * state.columns.size()];
        Windows.fill(scaled, 0, state.window, first, 0);
        return new NDList(ctx.getNDManager().create(first, new Shape(state.window, state.columns.size())));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected JsonElement decode(TranslatorContext ctx, NDList output) {
        SensorState state = state();
        SensorSeries series = (SensorSeries) ctx.getAttachment(SERIES);
        double[][] scaled = (double[][]) ctx.getAttachment(SCALED);
        boolean autoencoder = !"classifier".equals(state.mode);
        double[] scores = WindowScoring.pointScores(
                WindowScoring.windowScores(ctx.getBlock(), ctx.getNDManager(), scaled, state.window, autoencoder),
                series.rows(),
                state.window,
                autoencoder);
        if (autoencoder) {
            recentScores.put((Input) ctx.getAttachment(INPUT), scores);
        }
        JsonObject out = new JsonObject();
        out.addProperty("mode", state.mode);
        out.addProperty("threshold", state.threshold);
        out.addProperty("rows", series.rows());
        JsonArray flagged = new JsonArray();
        int count = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= state.threshold) { // the same rule as Thresholds.apply in evaluation
                count++;
                if (flagged.size() < MAX_FLAGGED) {
                    JsonObject f = new JsonObject();
                    f.addProperty("timestamp", series.timestamp(i).toString().replace('T', ' '));
                    f.addProperty("score", scores[i]);
                    flagged.add(f);
                }
            }
        }
        out.addProperty("flaggedCount", count);
        out.add("flagged", flagged);
        JsonArray warnings = new JsonArray();
        ((List<String>) ctx.getAttachment(WARNINGS)).forEach(warnings::add);
        out.add("warnings", warnings);
        if (Boolean.TRUE.equals(ctx.getAttachment(SCORES))) {
            JsonArray all = new JsonArray();
            for (double s : scores) {
                all.add(s);
            }
            out.add("scores", all);
        }
        return out;
    }
}
