package dev.lstmforge.plugins.text.translator;

import dev.lstmforge.plugins.text.sampling.Sampler;
import dev.lstmforge.support.DataException;

/**
 * Sampling options of one generation request.
 *
 * @param prompt the text to continue; may be empty
 * @param length tokens to generate, 1..100,000
 * @param temperature softmax temperature, finite and {@code > 0}; lower is more conservative
 * @param topK sample only among the k most likely tokens; 0 for all
 * @param seed random seed; the same seed and options give the same text
 */
public record GenerationRequest(String prompt, int length, double temperature, int topK, long seed) {

    /** The longest generation one request may ask for. */
    public static final int MAX_LENGTH = 100_000;

    /** Validates the options with messages that name the bad value. */
    public GenerationRequest {
        if (prompt == null) {
            prompt = "";
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new DataException("length must be from 1 to " + MAX_LENGTH + ", got " + length);
        }
        Sampler.checkTemperature(temperature);
        if (topK < 0) {
            throw new DataException("topK must be 0 (off) or positive, got " + topK);
        }
    }
}
