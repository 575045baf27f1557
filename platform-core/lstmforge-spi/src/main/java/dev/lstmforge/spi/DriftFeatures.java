package dev.lstmforge.spi;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Implemented by a serving translator whose requests carry numeric inputs worth watching for
 * drift: it names the values one request holds, by feature. The host compares the values of live
 * requests (in the server) or of a data file ({@code lstmforge drift}) with the reference the
 * training part gave ({@link PreparedData#driftReference()}), feature by feature; both sides must
 * use the same names and the same definition, so a plugin computes them with one function.
 *
 * <p>A translator may also name values of its answers ({@link #outputFeatures}), compared with the
 * model's answers on the held-out data at training time: prediction drift.
 *
 * <p>Choose features the model actually sees. A forecaster that reads price windows scaled to
 * their own level should be watched on daily returns, not on the price level, which drifts in
 * any period and says nothing about whether the model still fits.
 *
 * <pre>{@code
 * public final class StockServingTranslator extends ProjectServingTranslator<StockState> implements DriftFeatures {
 *     public Map<String, double[]> driftFeatures(Input input) {
 *         return Map.of("log_return", DailyReturns.log(closesOf(input)));
 *     }
 * }
 * }</pre>
 */
public interface DriftFeatures {

    /**
     * Reads what {@link #driftFeatures} needs from the model directory (a decoder's sample rate,
     * the columns the model uses), once. The host calls it before asking for the features of data
     * that is not predicted ({@code lstmforge drift}); nothing by default.
     *
     * @param modelDir the model directory
     * @throws IOException if a model file is unusable
     */
    default void loadModelFiles(Path modelDir) throws IOException {}

    /**
     * Returns the feature values one request carries. It may run on a request that was not
     * predicted (a data file given to {@code lstmforge drift}), after {@link #loadModelFiles}.
     *
     * @param input the request, as the translator receives it
     * @return feature name to values (any number, possibly none); empty when the request carries
     *     no input of its own (for example an empty body that forecasts from the training data)
     * @throws TranslateException when the request cannot be read
     */
    Map<String, double[]> driftFeatures(Input input) throws TranslateException;

    /**
     * Returns the values of the model's answer worth watching (its forecast, score or
     * confidence), by feature; the reference is what {@link Evaluation#driftOutputs()} recorded
     * on the held-out part at training time. None by default.
     *
     * @param input the request the answer is for (to find values kept while it was answered)
     * @param output a successful answer of this translator
     * @return feature name to values
     * @throws TranslateException when the answer cannot be read
     */
    default Map<String, double[]> outputFeatures(Input input, Output output) throws TranslateException {
        return Map.of();
    }
}
