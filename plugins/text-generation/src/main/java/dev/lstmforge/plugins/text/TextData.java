package dev.lstmforge.plugins.text;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;

import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;

import java.util.List;

/** The prepared corpus: datasets plus what evaluation needs (tokenizer, validation text). */
public final class TextData extends PreparedData<TextState> {

    private final Tokenizer tokenizer;
    private final Dataset validation;
    private final int validationTokens;
    private final int validationChars;
    private final double charsPerSample;
    private final long datasetBytes;
    private final List<String> notes;
    private final double unknownRate;

    TextData(Dataset train, Dataset validation, int window, TextState state, DataFingerprint fingerprint,
            Tokenizer tokenizer, int validationTokens, int validationChars, double charsPerSample,
            long datasetBytes, List<String> notes, double unknownRate) {
        super(train, validation, new Shape[] {new Shape(1, window)}, state, fingerprint);
        this.tokenizer = tokenizer;
        this.validation = validation;
        this.validationTokens = validationTokens;
        this.validationChars = validationChars;
        this.charsPerSample = charsPerSample;
        this.datasetBytes = datasetBytes;
        this.notes = List.copyOf(notes);
        this.unknownRate = unknownRate;
    }

    double unknownRate() {
        return unknownRate;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    Dataset validationSet() {
        return validation;
    }

    int validationTokens() {
        return validationTokens;
    }

    int validationChars() {
        return validationChars;
    }

    long datasetBytes() {
        return datasetBytes;
    }

    @Override
    public String sampleUnit() {
        return "chars";
    }

    @Override
    public double unitsPerSample() {
        return charsPerSample;
    }

    @Override
    public List<String> notes() {
        return notes;
    }
}
