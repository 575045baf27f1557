package dev.lstmforge.plugins.text.token;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Character-level tokenizer: one token per Unicode code point, so a surrogate pair (an emoji,
 * say) is one token, never two. Every vocabulary token other than {@link Vocabulary#UNKNOWN} is a
 * string of exactly one code point.
 *
 * <p>A character that is not in the vocabulary is encoded as {@link Vocabulary#UNKNOWN_ID} and
 * decoded as the replacement character U+FFFD ({@value #REPLACEMENT}), so decoded text always has
 * one character per token.
 *
 * <p>Encoding and decoding use flat lookup tables: encoding allocates only the result array (or
 * nothing, with {@link #encode(String, IntConsumer)}), decoding only the text.
 */
public final class CharTokenizer implements Tokenizer {

    /** What {@link Vocabulary#UNKNOWN_ID} decodes to: U+FFFD REPLACEMENT CHARACTER. */
    public static final char REPLACEMENT = '\uFFFD';

    private final Vocabulary vocabulary;
    /** Id by BMP code point, 0 for unknown; covers 0 to the largest BMP code point in use. */
    private final int[] bmpIds;
    /** Supplementary code points in use, sorted, with their ids in {@link #supplementaryIds}. */
    private final int[] supplementaryCodePoints;

    private final int[] supplementaryIds;
    /** Code point by id; id 0 maps to {@link #REPLACEMENT}. */
    private final int[] codePoints;

    /**
     * Creates a tokenizer for an existing vocabulary, e.g. one saved with a model.
     *
     * @param vocabulary the vocabulary; every token after {@link Vocabulary#UNKNOWN} must be a
     *                   single code point
     * @throws DataException naming the id and token of the first token that is not a single
     *                           code point
     */
    public CharTokenizer(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        int size = vocabulary.size();
        codePoints = new int[size];
        codePoints[Vocabulary.UNKNOWN_ID] = REPLACEMENT;
        int maxBmp = -1;
        int supplementary = 0;
        for (int id = 1; id < size; id++) {
            String token = vocabulary.token(id);
            if (token.codePointCount(0, token.length()) != 1) {
                throw new DataException("char vocabulary: token " + id + " '" + Vocabulary.printable(token)
                        + "' is not a single character");
            }
            int cp = token.codePointAt(0);
            codePoints[id] = cp;
            if (Character.isBmpCodePoint(cp)) {
                maxBmp = Math.max(maxBmp, cp);
            } else {
                supplementary++;
            }
        }
        bmpIds = new int[maxBmp + 1];
        long[] packed = new long[supplementary];
        int s = 0;
        for (int id = 1; id < size; id++) {
            int cp = codePoints[id];
            if (Character.isBmpCodePoint(cp)) {
                bmpIds[cp] = id;
            } else {
                packed[s++] = ((long) cp << 32) | id;
            }
        }
        Arrays.sort(packed);
        supplementaryCodePoints = new int[supplementary];
        supplementaryIds = new int[supplementary];
        for (int i = 0; i < supplementary; i++) {
            supplementaryCodePoints[i] = (int) (packed[i] >>> 32);
            supplementaryIds[i] = (int) packed[i];
        }
    }

    /**
     * Builds a tokenizer from training text: the vocabulary is {@link Vocabulary#UNKNOWN} plus
     * the most frequent code points, up to {@code maxVocab} tokens in total (see
     * {@link Vocabulary#build}).
     *
     * @param trainingText the text to learn the characters from
     * @param maxVocab     the largest vocabulary size, including {@link Vocabulary#UNKNOWN}; at
     *                     least 2
     * @return the tokenizer
     * @throws DataException if {@code maxVocab < 2} or the text is empty
     */
    public static CharTokenizer fit(String trainingText, int maxVocab) {
        Objects.requireNonNull(trainingText, "trainingText");
        Tokenizers.checkFitArguments(TokenLevel.CHAR, trainingText, maxVocab);
        long[] bmpCounts = new long[Character.MIN_SUPPLEMENTARY_CODE_POINT];
        Map<Integer, Long> supplementaryCounts = new HashMap<>();
        for (int i = 0, n = trainingText.length(); i < n; ) {
            int cp = trainingText.codePointAt(i);
            if (Character.isBmpCodePoint(cp)) {
                bmpCounts[cp]++;
                i++;
            } else {
                supplementaryCounts.merge(cp, 1L, Long::sum);
                i += 2;
            }
        }
        Map<String, Long> counts = new HashMap<>();
        for (int cp = 0; cp < bmpCounts.length; cp++) {
            if (bmpCounts[cp] > 0) {
                counts.put(String.valueOf((char) cp), bmpCounts[cp]);
            }
        }
        supplementaryCounts.forEach((cp, n) -> counts.put(Character.toString(cp), n));
        return new CharTokenizer(Vocabulary.build(counts, maxVocab));
    }

    /**
     * Returns {@link TokenLevel#CHAR}.
     *
     * @return the level
     */
    @Override
    public TokenLevel level() {
        return TokenLevel.CHAR;
    }

    /**
     * Returns the vocabulary.
     *
     * @return the vocabulary
     */
    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns the id of one code point.
     *
     * @param codePoint a Unicode code point
     * @return its id, or {@link Vocabulary#UNKNOWN_ID}
     */
    public int id(int codePoint) {
        if (codePoint >= 0 && codePoint < bmpIds.length) {
            return bmpIds[codePoint];
        }
        if (codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            return Vocabulary.UNKNOWN_ID;
        }
        int i = Arrays.binarySearch(supplementaryCodePoints, codePoint);
        return i >= 0 ? supplementaryIds[i] : Vocabulary.UNKNOWN_ID;
    }

    /**
     * Encodes one id per code point.
     *
     * @param text the text
     * @return the ids
     */
    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.codePointCount(0, text.length())];
        int k = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            ids[k++] = id(cp);
            i += Character.charCount(cp);
        }
        return ids;
    }

    /**
     * Passes one id per code point to {@code out}, allocating nothing.
     *
     * @param text the text
     * @param out  receives the ids
     */
    @Override
    public void encode(String text, IntConsumer out) {
        Objects.requireNonNull(out, "out");
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            out.accept(id(cp));
            i += Character.charCount(cp);
        }
    }

    /**
     * Appends one character per id; {@link Vocabulary#UNKNOWN_ID} becomes U+FFFD.
     *
     * @param ids  token ids
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @param out  receives the text
     */
    @Override
    public void decode(int[] ids, int from, int to, StringBuilder out) {
        Objects.checkFromToIndex(from, to, ids.length);
        out.ensureCapacity(out.length() + (to - from));
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (id < 0 || id >= codePoints.length) {
                throw Tokenizers.badId(ids, i, codePoints.length);
            }
            out.appendCodePoint(codePoints[id]);
        }
    }

    /**
     * Splits a text into single-code-point strings.
     *
     * @param text the text
     * @return one string per code point
     */
    @Override
    public List<String> split(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            tokens.add(Character.toString(cp));
            i += Character.charCount(cp);
        }
        return tokens;
    }

    /**
     * Counts the code points that are not in the vocabulary.
     *
     * @param text the text
     * @return the number of unknown characters
     */
    @Override
    public long countUnknown(String text) {
        long unknown = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int cp = text.codePointAt(i);
            if (id(cp) == Vocabulary.UNKNOWN_ID) {
                unknown++;
            }
            i += Character.charCount(cp);
        }
        return unknown;
    }

    /**
     * Describes the tokenizer.
     *
     * @return level and vocabulary size
     */
    @Override
    public String toString() {
        return "CharTokenizer[vocabulary=" + vocabulary.size() + "]";
    }
}
