package dev.lstmforge.plugins.text;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;
import java.util.List;
import java.util.Map;

/** The prepared corpus: datasets plus what evaluation needs (tokenizer, validation tail, sampling options). */
public final class TextData extends PreparedData<TextState> {

    /**
     * The held-out tail of the corpus.
     *
     * @param windows its windows, for the validation loss
     * @param tokens tokens in the tail
     * @param chars characters in the tail
     * @param unknownRate share of its tokens outside the vocabulary
     */
    record HeldOut(Dataset windows, int tokens, int chars, double unknownRate) {}

    private final Tokenizer tokenizer;
    private final HeldOut heldOut;
    private final double charsPerSample;
    private final long datasetBytes;
    private final List<Double> sampleTemperatures;
    private final String description;
    private final Map<String, double[]> driftReference;

    TextData(
            Dataset train,
            HeldOut heldOut,
            int window,
            TextState state,
            DataFingerprint fingerprint,
            Tokenizer tokenizer,
            double charsPerSample,
            long datasetBytes,
            List<Double> sampleTemperatures,
            String description,
            Map<String, double[]> driftReference) {
        super(train, heldOut.windows(), new Shape[] {new Shape(1, window)}, state, fingerprint);
        this.tokenizer = tokenizer;
        this.heldOut = heldOut;
        this.charsPerSample = charsPerSample;
        this.datasetBytes = datasetBytes;
        this.sampleTemperatures = List.copyOf(sampleTemperatures);
        this.description = description;
        this.driftReference = driftReference;
    }

    /** The unknown-token share of pieces of the training text ({@link TextDrift}). */
    @Override
    public Map<String, double[]> driftReference() {
        return driftReference;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    HeldOut heldOut() {
        return heldOut;
    }

    long datasetBytes() {
        return datasetBytes;
    }

    /** The temperatures of the evaluation samples, parsed once from {@link TextParams#SAMPLE_TEMPERATURES}. */
    List<Double> sampleTemperatures() {
        return sampleTemperatures;
    }

    /** One line on what was read and how it was split, for the report's "Data" section. */
    String description() {
        return description;
    }

    @Override
    public String sampleUnit() {
        return "chars";
    }

    @Override
    public double unitsPerSample() {
        return charsPerSample;
    }
}
