package dev.lstmforge.plugins.text.sampling;

import dev.lstmforge.support.DataException;

/**
 * Conversions between the usual language-model quality measures. Losses are natural-log cross
 * entropies (nats), as DJL and most frameworks report them.
 */
public final class LanguageModelMetrics {

    private static final double LN_2 = Math.log(2.0);

    private LanguageModelMetrics() {}

    /**
     * Returns bits per character: the total cross entropy in bits divided by the number of
     * characters predicted. For a character-level model pass the summed loss over all predicted
     * characters; for a word-level model pass the summed loss over words and the number of
     * characters of the text, which gives a figure comparable across token levels.
     *
     * @param totalNats  the summed cross entropy in nats, finite and {@code >= 0}
     * @param characters the number of characters, at least 1
     * @return bits per character
     * @throws DataException if an argument is out of range
     */
    public static double bitsPerCharacter(double totalNats, long characters) {
        checkNats("totalNats", totalNats);
        if (characters < 1) {
            throw new DataException("bitsPerCharacter: characters must be >= 1, got " + characters);
        }
        return totalNats / characters / LN_2;
    }

    /**
     * Returns the perplexity {@code exp(natsPerToken)}: the effective number of equally likely
     * choices per token.
     *
     * @param natsPerToken the mean cross entropy per token in nats, finite and {@code >= 0}
     * @return the perplexity, at least 1
     * @throws DataException if the argument is negative, {@code NaN} or infinite
     */
    public static double perplexity(double natsPerToken) {
        checkNats("natsPerToken", natsPerToken);
        return Math.exp(natsPerToken);
    }

    /**
     * Converts nats to bits.
     *
     * @param nats an amount of information in nats
     * @return the same amount in bits, {@code nats / ln 2}
     */
    public static double natsToBits(double nats) {
        return nats / LN_2;
    }

    /**
     * Converts bits to nats.
     *
     * @param bits an amount of information in bits
     * @return the same amount in nats, {@code bits * ln 2}
     */
    public static double bitsToNats(double bits) {
        return bits * LN_2;
    }

    private static void checkNats(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new DataException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
