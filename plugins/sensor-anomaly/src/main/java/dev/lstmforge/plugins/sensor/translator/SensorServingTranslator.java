package dev.lstmforge.plugins.sensor.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.lstmforge.plugins.sensor.SensorState;
import dev.lstmforge.plugins.sensor.data.Scaler;
import dev.lstmforge.plugins.sensor.data.SensorCsvReader;
import dev.lstmforge.plugins.sensor.data.SensorDataException;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.dataset.WindowScoring;
import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * Scores a CSV of sensor readings: the one inference path of the sensor models (CLI
 * {@code predict}, the Java API, DJL Serving).
 *
 * <p>Request body: a CSV with a time column and (at least) the sensor columns the model was
 * trained on, same format rules as training (comma or semicolon, gaps interpolated, disorder
 * sorted). Response: JSON {@code {"mode", "threshold", "rows", "flaggedCount", "flagged":
 * [{"timestamp", "score"}], "scores": [...]}}; {@code scores} (one per row) only when the request
 * property {@code scores=true}.
 */
public final class SensorServingTranslator implements ServingTranslator {

    private static final String SERIES = "series";
    private static final int MAX_FLAGGED = 10_000;

    private SensorState state;
    private Scaler scaler;

    @Override
    public void setArguments(Map<String, ?> arguments) {
        // everything comes from the model directory
    }

    @Override
    public void prepare(TranslatorContext ctx) throws IOException {
        if (scaler == null) {
            state = ModelFiles.readState(ctx.getModel().getModelPath(), SensorState.class);
            scaler = Scaler.fromState(state.scaler);
        }
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
        String body = input.getData() == null ? "" : input.getData().getAsString();
        if (body.isBlank()) {
            throw new TranslateException("bad scoring request: send a CSV with a time column and the columns "
                    + state.columns);
        }
        SensorSeries series;
        double[][] selected;
        try {
            series = SensorCsvReader.read(new StringReader(body), "request");
            selected = select(series);
        } catch (SensorDataException e) {
            throw new TranslateException("bad scoring request: " + e.getMessage(), e);
        }
        if (series.rows() < state.window) {
            throw new TranslateException("bad scoring request: " + series.rows() + " rows, need at least "
                    + state.window + " (one window)");
        }
        double[][] scaled = scaler.transformAll(selected);
        ctx.setAttachment(SERIES, series);
        ctx.setAttachment("scaled", scaled);
        ctx.setAttachment("scores", Boolean.parseBoolean(input.getProperty("scores", "false")));
        // The scoring runs window batches itself in processOutput; the predictor's own pass
        // gets one window so it has something to run.
        float[] first = new float[state.window * state.columns.size()];
        dev.lstmforge.plugins.sensor.data.Windows.fill(scaled, 0, state.window, first, 0);
        return new NDList(ctx.getNDManager().create(first,
                new ai.djl.ndarray.types.Shape(1, state.window, state.columns.size())));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        SensorSeries series = (SensorSeries) ctx.getAttachment(SERIES);
        double[][] scaled = (double[][]) ctx.getAttachment("scaled");
        boolean autoencoder = !"classifier".equals(state.mode);
        double[] scores = WindowScoring.pointScores(
                WindowScoring.windowScores(ctx.getBlock(), ctx.getNDManager(), scaled, state.window, autoencoder),
                series.rows(), state.window, autoencoder);
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
        if (Boolean.TRUE.equals(ctx.getAttachment("scores"))) {
            JsonArray all = new JsonArray();
            for (double s : scores) {
                all.add(s);
            }
            out.add("scores", all);
        }
        Output output = new Output();
        output.addProperty("Content-Type", "application/json");
        output.add(JsonUtils.GSON_PRETTY.toJson(out));
        return output;
    }

    private double[][] select(SensorSeries series) {
        int[] idx = new int[state.columns.size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = series.columns().indexOf(state.columns.get(j));
            if (idx[j] < 0) {
                throw new SensorDataException("column '" + state.columns.get(j) + "' missing; the model reads "
                        + state.columns + " and the request has " + series.columns());
            }
        }
        double[][] out = new double[series.rows()][idx.length];
        for (int r = 0; r < out.length; r++) {
            for (int j = 0; j < idx.length; j++) {
                out[r][j] = series.value(r, idx[j]);
            }
        }
        return out;
    }
}
