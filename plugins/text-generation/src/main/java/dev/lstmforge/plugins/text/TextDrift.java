package dev.lstmforge.plugins.text;

import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.token.Vocabulary;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The feature text models are watched on for drift: {@code unknown_share}, the share of a prompt's
 * tokens that the vocabulary lacks. Its reference comes from pieces of the training text whose
 * lengths are spread from 1 token to a window (prompts are of any length), so a prompt from text
 * like the training corpus looks like the reference, and prompts in another alphabet or language
 * do not. For a character model trained on its whole alphabet the reference is all zeros.
 *
 * <pre>{@code
 * Map<String, double[]> ref = TextDrift.reference(trainIds, 100, 2000, 42);
 * double share = TextDrift.share(tokenizer, "ROMEO: wherefore");
 * }</pre>
 */
public final class TextDrift {

    /** The feature's name. */
    public static final String UNKNOWN_SHARE = "unknown_share";

    private TextDrift() {}

    /**
     * Samples the unknown-token share of pieces of the training text.
     *
     * @param ids the training text's token ids
     * @param window the longest piece, in tokens
     * @param pieces how many pieces
     * @param seed the sampling seed
     * @return the feature with one value per piece; empty for an empty text
     */
    public static Map<String, double[]> reference(int[] ids, int window, int pieces, long seed) {
        if (ids.length == 0) {
            return Map.of();
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] shares = new double[pieces];
        for (int p = 0; p < pieces; p++) {
            int length = 1 + rnd.nextInt(Math.min(window, ids.length));
            int start = rnd.nextInt(ids.length - length + 1);
            int unknown = 0;
            for (int i = start; i < start + length; i++) {
                if (ids[i] == Vocabulary.UNKNOWN_ID) {
                    unknown++;
                }
            }
            shares[p] = unknown / (double) length;
        }
        return Map.of(UNKNOWN_SHARE, shares);
    }

    /**
     * Returns the unknown-token share of a prompt.
     *
     * @param tokenizer the model's tokenizer
     * @param prompt the prompt, not empty
     * @return unknown tokens over all tokens, 0 for a prompt with no tokens
     */
    public static double share(Tokenizer tokenizer, String prompt) {
        int tokens = tokenizer.encode(prompt).length;
        return tokens == 0 ? 0 : tokenizer.countUnknown(prompt) / (double) tokens;
    }
}
