package dev.lstmforge.plugins.text.token;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Word-level tokenizer. Case is kept ({@code The} and {@code the} are different tokens).
 *
 * <p>Splitting rules, applied left to right:
 * <ul>
 *   <li>A <em>word</em> is a run of letters and digits ({@link Character#isLetterOrDigit(int)}),
 *       which may also hold combining marks after its first character and apostrophes
 *       ({@code '} or U+2019) that have a letter or digit on both sides: {@code don't} and
 *       {@code o'er} are one token each, while in {@code 'tis} and {@code fathers'} the
 *       apostrophe is a token of its own.</li>
 *   <li>{@code \n} is the newline token {@value #NEWLINE}.</li>
 *   <li>Any other whitespace ({@link Character#isWhitespace(int)} or
 *       {@link Character#isSpaceChar(int)}, including {@code \r} and tabs) only separates tokens
 *       and is dropped.</li>
 *   <li>Every other character (punctuation, symbols) is a token of its own, so {@code --} is two
 *       tokens.</li>
 * </ul>
 *
 * <p>Decoding joins tokens with single spaces, except that no space is put before
 * {@code , . ; : ! ? ) '}, after {@code (}, or on either side of {@value #NEWLINE}. Text whose
 * spacing follows those conventions (words separated by single spaces, no spaces at line ends)
 * survives an encode/decode round trip when all its words are known; other spacing is
 * normalised. Unknown words encode as {@link Vocabulary#UNKNOWN_ID} and decode as
 * {@value Vocabulary#UNKNOWN}.
 *
 * <p>Encoding looks tokens up by string range without creating substrings, so it allocates
 * nothing per token.
 */
public final class WordTokenizer implements Tokenizer {

    /** The token for a line break. */
    public static final String NEWLINE = "\n";

    /** A typical vocabulary cap for word-level models. */
    public static final int DEFAULT_MAX_VOCAB = 10_000;

    private static final char RIGHT_SINGLE_QUOTE = '\u2019';

    private final Vocabulary vocabulary;
    private final TokenTable table;
    /** Per id: 0 = normal, 1 = no space before it, 2 = no space after it, 3 = newline. */
    private final byte[] spacing;

    private static final byte NORMAL = 0;
    private static final byte ATTACH_LEFT = 1;
    private static final byte ATTACH_RIGHT = 2;
    private static final byte LINE_BREAK = 3;

    /** Receives token ranges {@code [start, end)} found by {@link #scan}. */
    @FunctionalInterface
    private interface RangeSink {
        void token(String text, int start, int end);
    }

    /**
     * Creates a tokenizer for an existing vocabulary, e.g. one saved with a model.
     *
     * @param vocabulary the vocabulary
     */
    public WordTokenizer(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.table = new TokenTable(vocabulary);
        this.spacing = new byte[vocabulary.size()];
        for (int id = 1; id < spacing.length; id++) {
            spacing[id] = spacingOf(vocabulary.token(id));
        }
    }

    /**
     * Builds a tokenizer from training text: {@link Vocabulary#UNKNOWN} plus the most frequent
     * tokens, up to {@code maxVocab} in total (see {@link Vocabulary#build}).
     *
     * @param trainingText the text to learn the words from
     * @param maxVocab     the largest vocabulary size, including {@link Vocabulary#UNKNOWN}, at
     *                     least 2; {@link #DEFAULT_MAX_VOCAB} is a common choice
     * @return the tokenizer
     * @throws DataException if {@code maxVocab < 2} or the text is empty
     */
    public static WordTokenizer fit(String trainingText, int maxVocab) {
        Objects.requireNonNull(trainingText, "trainingText");
        Tokenizers.checkFitArguments(TokenLevel.WORD, trainingText, maxVocab);
        Map<String, Long> counts = new HashMap<>();
        scan(trainingText, (text, start, end) -> counts.merge(text.substring(start, end), 1L, Long::sum));
        return new WordTokenizer(Vocabulary.build(counts, maxVocab));
    }

    /**
     * Returns {@link TokenLevel#WORD}.
     *
     * @return the level
     */
    @Override
    public TokenLevel level() {
        return TokenLevel.WORD;
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
     * Encodes a text into word, punctuation and newline ids.
     *
     * @param text the text
     * @return the ids
     */
    @Override
    public int[] encode(String text) {
        IntBuffer buffer = new IntBuffer(Math.max(16, text.length() / 4));
        encode(text, buffer);
        return buffer.toArray();
    }

    /**
     * Passes the ids of the tokens of {@code text} to {@code out}, allocating nothing per
     * token.
     *
     * @param text the text
     * @param out  receives the ids
     */
    @Override
    public void encode(String text, IntConsumer out) {
        Objects.requireNonNull(out, "out");
        scan(text, (t, start, end) -> out.accept(table.find(t, start, end)));
    }

    /**
     * Appends the tokens joined by the spacing rules described in the class documentation.
     *
     * @param ids  token ids
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @param out  receives the text
     */
    @Override
    public void decode(int[] ids, int from, int to, StringBuilder out) {
        Objects.checkFromToIndex(from, to, ids.length);
        int length = out.length();
        char last = length == 0 ? '\n' : out.charAt(length - 1);
        boolean spaceAllowed = last != '\n' && last != '(';
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (id < 0 || id >= spacing.length) {
                throw Tokenizers.badId(ids, i, spacing.length);
            }
            byte kind = spacing[id];
            if (spaceAllowed && kind != ATTACH_LEFT && kind != LINE_BREAK) {
                out.append(' ');
            }
            out.append(vocabulary.token(id));
            spaceAllowed = kind != ATTACH_RIGHT && kind != LINE_BREAK;
        }
    }

    /**
     * Splits a text into its raw tokens by the rules in the class documentation.
     *
     * @param text the text
     * @return the tokens in order
     */
    @Override
    public List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        scan(text, (t, start, end) -> tokens.add(t.substring(start, end)));
        return tokens;
    }

    /**
     * Counts the tokens that are not in the vocabulary.
     *
     * @param text the text
     * @return the number of tokens encoded as {@link Vocabulary#UNKNOWN_ID}
     */
    @Override
    public long countUnknown(String text) {
        long[] unknown = new long[1];
        scan(text, (t, start, end) -> {
            if (table.find(t, start, end) == Vocabulary.UNKNOWN_ID) {
                unknown[0]++;
            }
        });
        return unknown[0];
    }

    /**
     * Describes the tokenizer.
     *
     * @return level and vocabulary size
     */
    @Override
    public String toString() {
        return "WordTokenizer[vocabulary=" + vocabulary.size() + "]";
    }

    private static byte spacingOf(String token) {
        if (token.equals(NEWLINE)) {
            return LINE_BREAK;
        }
        if (token.length() == 1) {
            switch (token.charAt(0)) {
                case ',', '.', ';', ':', '!', '?', ')', '\'':
                    return ATTACH_LEFT;
                case '(':
                    return ATTACH_RIGHT;
                default:
                    return NORMAL;
            }
        }
        return NORMAL;
    }

    /** Finds the token ranges of {@code text} and passes them to {@code sink}. */
    private static void scan(String text, RangeSink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '\n') {
                sink.token(text, i, i + 1);
                i++;
            } else if (Character.isLetterOrDigit(cp)) {
                int start = i;
                i += width;
                while (i < n) {
                    int next = text.codePointAt(i);
                    if (Character.isLetterOrDigit(next) || isCombiningMark(next)) {
                        i += Character.charCount(next);
                    } else if (isApostrophe(next) && i + 1 < n && Character.isLetterOrDigit(text.codePointAt(i + 1))) {
                        i++;
                    } else {
                        break;
                    }
                }
                sink.token(text, start, i);
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += width;
            } else {
                sink.token(text, i, i + width);
                i += width;
            }
        }
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == RIGHT_SINGLE_QUOTE;
    }

    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** A growable int array used by {@link #encode(String)}. */
    private static final class IntBuffer implements IntConsumer {
        private int[] data;
        private int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        @Override
        public void accept(int value) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(16, size + (size >> 1)));
            }
            data[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
