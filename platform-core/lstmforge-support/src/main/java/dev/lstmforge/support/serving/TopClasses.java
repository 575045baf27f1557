package dev.lstmforge.support.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lstmforge.support.DataException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The request property and the response shape every classifier's serving translator shares:
 * property {@code top} (how many classes to list, default 3) and the JSON answer
 * {@code {"label", "probability", "top": [{"class", "probability"}, ...]}}, most probable first.
 *
 * <pre>{@code
 * int k = TopClasses.requested(input, state.classes.size());   // in encode
 * JsonObject answer = TopClasses.json(probabilities, state.classes, k);   // in decode
 * }</pre>
 */
public final class TopClasses {

    /** The request property naming how many classes to list. */
    public static final String PROPERTY = "top";

    /** Classes listed when a request does not say. */
    public static final int DEFAULT = 3;

    private TopClasses() {}

    /**
     * The output feature classifiers are watched on for prediction drift: the probability of the
     * top class. When it sinks, the model is less sure of new data than of its test data.
     */
    public static final String CONFIDENCE = "confidence";

    /**
     * Returns each row's top probability: the {@link #CONFIDENCE} reference of a test set.
     *
     * <pre>{@code
     * b.driftOutput(TopClasses.CONFIDENCE, TopClasses.confidences(probabilities));
     * }</pre>
     *
     * @param probabilities one row of class probabilities per clip
     * @return the largest value of each row
     */
    public static double[] confidences(float[][] probabilities) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            float best = Float.NEGATIVE_INFINITY;
            for (float v : probabilities[i]) {
                best = Math.max(best, v);
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Reads the {@link #CONFIDENCE} of an answer written by {@link #json}.
     *
     * @param output the answer
     * @return {@code {confidence: [p]}}
     * @throws TranslateException when the answer has no top probability
     */
    public static Map<String, double[]> outputFeatures(Output output) throws TranslateException {
        try {
            JsonObject o = JsonUtils.GSON.fromJson(output.getData().getAsString(), JsonObject.class);
            return Map.of(CONFIDENCE, new double[] {o.get("probability").getAsDouble()});
        } catch (RuntimeException e) {
            throw new TranslateException("the answer holds no top-class probability: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the {@code top} property of a request, capped at the number of classes.
     *
     * @param input the request
     * @param classes the model's number of classes
     * @return how many classes to list, 1 to {@code classes}
     * @throws DataException when the property is not a whole number of at least 1
     */
    public static int requested(Input input, int classes) {
        String text = input.getProperty(PROPERTY, String.valueOf(DEFAULT));
        int top;
        try {
            top = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new DataException("property top: '" + text + "' is not a whole number");
        }
        if (top < 1) {
            throw new DataException("property top: " + top + " must be at least 1");
        }
        return Math.min(top, classes);
    }

    /**
     * Builds the answer from class probabilities.
     *
     * @param p one probability per class
     * @param classes the class names, in index order
     * @param k how many classes to list, at most {@code p.length}
     * @return {@code {"label", "probability", "top": [...]}}
     */
    public static JsonObject json(float[] p, List<String> classes, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        JsonObject out = new JsonObject();
        out.addProperty("label", classes.get(order[0]));
        out.addProperty("probability", p[order[0]]);
        JsonArray top = new JsonArray();
        for (int i = 0; i < Math.min(k, p.length); i++) {
            JsonObject c = new JsonObject();
            c.addProperty("class", classes.get(order[i]));
            c.addProperty("probability", p[order[i]]);
            top.add(c);
        }
        out.add("top", top);
        return out;
    }
}
