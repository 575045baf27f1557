package dev.lstmforge.plugins.text.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Turns text into token ids and back, for one {@link TokenLevel} and one {@link Vocabulary}.
 *
 * <p>Implementations are immutable and safe to share between threads. Text the vocabulary does
 * not cover is encoded as {@link Vocabulary#UNKNOWN_ID}.
 */
public interface Tokenizer {

    /**
     * Returns the token level.
     *
     * @return the level this tokenizer works at
     */
    TokenLevel level();

    /**
     * Returns the vocabulary that defines the ids.
     *
     * @return the vocabulary
     */
    Vocabulary vocabulary();

    /**
     * Encodes a text into token ids.
     *
     * @param text the text
     * @return a new array with one id per token
     */
    int[] encode(String text);

    /**
     * Encodes a text, passing each token id to {@code out} in order. Nothing is allocated per
     * token.
     *
     * @param text the text
     * @param out  receives the ids
     */
    void encode(String text, IntConsumer out);

    /**
     * Decodes ids {@code ids[from]} to {@code ids[to - 1]} and appends the text to {@code out}.
     * Word-level spacing continues from what {@code out} already holds, so decoding one id at a
     * time into the same builder gives the same text as decoding all ids at once.
     *
     * @param ids  token ids
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @param out  receives the text
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws dev.lstmforge.support.DataException if an id is outside the
     *         vocabulary
     */
    void decode(int[] ids, int from, int to, StringBuilder out);

    /**
     * Decodes ids {@code ids[from]} to {@code ids[to - 1]} into a new string.
     *
     * @param ids  token ids
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @return the text
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws dev.lstmforge.support.DataException if an id is outside the
     *         vocabulary
     */
    default String decode(int[] ids, int from, int to) {
        StringBuilder out = new StringBuilder(Math.max(16, (to - from) * 2));
        decode(ids, from, to, out);
        return out.toString();
    }

    /**
     * Decodes all ids in an array.
     *
     * @param ids token ids
     * @return the text
     * @throws dev.lstmforge.support.DataException if an id is outside the
     *         vocabulary
     */
    default String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    /**
     * Splits a text into its raw tokens, before any vocabulary lookup; used to count tokens
     * when building a vocabulary.
     *
     * @param text the text
     * @return the tokens in order, as new strings
     */
    List<String> split(String text);

    /**
     * Counts the tokens of a text that are not in the vocabulary.
     *
     * @param text the text
     * @return how many tokens would be encoded as {@link Vocabulary#UNKNOWN_ID}
     */
    long countUnknown(String text);

    /**
     * Lists the tokens of a text that are not in the vocabulary, with how often each occurs.
     *
     * @param text the text
     * @return token to count, in order of first occurrence; empty when every token is known
     */
    default Map<String, Long> unknownTokens(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String token : split(text)) {
            if (vocabulary().id(token) == Vocabulary.UNKNOWN_ID) {
                counts.merge(token, 1L, Long::sum);
            }
        }
        return counts;
    }
}
