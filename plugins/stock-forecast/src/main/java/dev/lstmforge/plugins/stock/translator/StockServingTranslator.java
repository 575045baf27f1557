package dev.lstmforge.plugins.stock.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import dev.lstmforge.plugins.stock.StockState;
import dev.lstmforge.plugins.stock.data.PriceCsvReader;
import dev.lstmforge.plugins.stock.data.PriceSeries;
import dev.lstmforge.plugins.stock.data.StockDataException;
import dev.lstmforge.plugins.stock.feature.Feature;
import dev.lstmforge.plugins.stock.feature.FeatureMatrix;
import dev.lstmforge.plugins.stock.feature.WindowEncoder;
import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a forecast request into prices; the one inference path of the stock model (CLI
 * {@code predict}, the Java API, and DJL Serving, which creates it by class name).
 *
 * <p>Request body, any of:
 *
 * <ul>
 *   <li>empty: forecast from the end of the data the model was trained on;
 *   <li>a Yahoo-style CSV ({@code Date,...,Close,...}) with at least one window of rows;
 *   <li>JSON {@code {"close": [..], "horizon": 5}} (Close-only models) or
 *       {@code {"csv": "...", "horizon": 5}}.
 * </ul>
 *
 * <p>The horizon (default 5 trading days, at most 250) comes from the JSON or from the request
 * property {@code horizon}. The response is JSON:
 * {@code {"lastDate": "...", "lastClose": 129.9, "horizon": 5, "forecast": [{"day": 1,
 * "date": "...", "close": 130.4}, ...]}}. Forecast dates are the following weekdays; exchange
 * holidays are not known to the model.
 */
public final class StockServingTranslator implements ServingTranslator {

    private static final String MATRIX = "matrix";
    private static final String HORIZON = "horizon";
    private static final int MAX_HORIZON = 250;

    private StockState state;
    private WindowEncoder encoder;
    /** The model's recent data, parsed once: requests with an empty body forecast from it. */
    private FeatureMatrix recent;

    @Override
    public void setArguments(Map<String, ?> arguments) {
        // nothing configurable beyond the model directory
    }

    @Override
    public void prepare(TranslatorContext ctx) throws IOException {
        if (encoder == null) {
            Path dir = ctx.getModel().getModelPath();
            state = ModelFiles.readState(dir, StockState.class);
            encoder = WindowEncoder.fromState(state.encoder);
            recent = matrixFromCsv(state.recentCsv, "the model's recent training data");
        }
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
        String body = input.getData() == null ? "" : input.getData().getAsString().trim();
        int horizon = parseHorizon(input.getProperty(HORIZON, null));
        FeatureMatrix m;
        try {
            if (body.isEmpty()) {
                m = recent;
            } else if (body.startsWith("{")) {
                JsonObject json = JsonUtils.GSON.fromJson(body, JsonObject.class);
                if (json.has(HORIZON)) {
                    horizon = parseHorizon(json.get(HORIZON).getAsString());
                }
                m = json.has("csv")
                        ? matrixFromCsv(json.get("csv").getAsString(), "request field 'csv'")
                        : matrixFromCloses(json);
            } else {
                m = matrixFromCsv(body, "request body");
            }
        } catch (StockDataException | JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new TranslateException("bad forecast request: " + e.getMessage(), e);
        }
        if (m.rows() < encoder.windowSize()) {
            throw new TranslateException("bad forecast request: " + m.rows() + " usable rows, need at least "
                    + encoder.windowSize() + " (one window)");
        }
        ctx.setAttachment(MATRIX, m);
        ctx.setAttachment(HORIZON, horizon);
        float[] x = new float[encoder.inputSize()];
        encoder.encodeWindow(m, m.rows() - 1, x, 0);
        return new NDList(ctx.getNDManager().create(x, new Shape(1, encoder.windowSize(), encoder.featureCount())));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        FeatureMatrix m = (FeatureMatrix) ctx.getAttachment(MATRIX);
        int horizon = (Integer) ctx.getAttachment(HORIZON);
        int last = m.rows() - 1;
        float first = list.head().toFloatArray()[0];
        // Step 1 comes from the predictor's own forward pass; later steps feed predictions back.
        WindowPredictor net = new BlockPredictor(ctx.getBlock(), ctx.getNDManager(), encoder, first);
        double[] prices = new Forecaster(encoder, net).iterate(m, last, horizon);
        JsonObject out = new JsonObject();
        out.addProperty("lastDate", m.date(last).toString());
        out.addProperty("lastClose", m.value(last, Feature.CLOSE));
        out.addProperty(HORIZON, horizon);
        out.addProperty("representation", encoder.representation().name());
        JsonArray days = new JsonArray();
        FeatureMatrix ahead = m;
        for (int h = 0; h < horizon; h++) {
            ahead = ahead.withAppendedRow(prices[h]);
            JsonObject d = new JsonObject();
            d.addProperty("day", h + 1);
            d.addProperty("date", ahead.date(ahead.rows() - 1).toString());
            d.addProperty("close", Math.round(prices[h] * 10_000) / 10_000.0);
            days.add(d);
        }
        out.add("forecast", days);
        Output output = new Output();
        output.addProperty("Content-Type", "application/json");
        output.add(JsonUtils.GSON_PRETTY.toJson(out));
        return output;
    }

    private static int parseHorizon(String value) throws TranslateException {
        if (value == null || value.isBlank()) {
            return 5;
        }
        try {
            int h = Integer.parseInt(value.trim());
            if (h < 1 || h > MAX_HORIZON) {
                throw new NumberFormatException();
            }
            return h;
        } catch (NumberFormatException e) {
            throw new TranslateException("bad forecast request: horizon must be an integer from 1 to "
                    + MAX_HORIZON + ", got '" + value + "'");
        }
    }

    private FeatureMatrix matrixFromCsv(String csv, String source) {
        List<String> required = new ArrayList<>(List.of("Date", "Close"));
        if (encoder.features().contains(Feature.VOLUME)) {
            required.add("Volume");
        }
        PriceSeries series = PriceCsvReader.read(new StringReader(csv), source, required);
        return FeatureMatrix.build(series, encoder.features());
    }

    private FeatureMatrix matrixFromCloses(JsonObject json) {
        if (!encoder.features().equals(List.of(Feature.CLOSE))) {
            throw new StockDataException("this model also uses " + encoder.features()
                    + "; send a CSV (body or field 'csv') instead of 'close'");
        }
        JsonElement closes = json.get("close");
        if (closes == null || !closes.isJsonArray()) {
            throw new StockDataException("JSON request needs an array field 'close' or a string field 'csv'");
        }
        JsonArray arr = closes.getAsJsonArray();
        double[][] values = new double[arr.size()][1];
        List<java.time.LocalDate> dates = new ArrayList<>(arr.size());
        java.time.LocalDate day = java.time.LocalDate.now().minusDays(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            values[i][0] = arr.get(i).getAsDouble();
            dates.add(day.plusDays(i));
        }
        return FeatureMatrix.of("request field 'close'", List.of(Feature.CLOSE), dates, values);
    }

    /** Runs the block directly for the iterative steps; the first step reuses the predictor's output. */
    private static final class BlockPredictor implements WindowPredictor {

        private final Block block;
        private final NDManager manager;
        private final WindowEncoder encoder;
        private final float first;
        private boolean firstUsed;

        BlockPredictor(Block block, NDManager manager, WindowEncoder encoder, float first) {
            this.block = block;
            this.manager = manager;
            this.encoder = encoder;
            this.first = first;
        }

        @Override
        public float[] predict(float[] windows, int count) {
            if (!firstUsed && count == 1) {
                firstUsed = true;
                return new float[] {first};
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(windows, new Shape(count, encoder.windowSize(), encoder.featureCount()));
                NDList y = block.forward(new ParameterStore(scope, false), new NDList(x), false);
                return y.head().toFloatArray();
            }
        }
    }
}
