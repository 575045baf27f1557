package dev.lstmforge.plugins.text.token;

import dev.lstmforge.support.DataException;
import java.util.Objects;

/** Creates {@link Tokenizer}s by {@link TokenLevel}. */
public final class Tokenizers {

    private Tokenizers() {}

    /**
     * Builds a tokenizer whose vocabulary is learnt from training text.
     *
     * @param level    the token level
     * @param text     the training text
     * @param maxVocab the largest vocabulary size, including {@link Vocabulary#UNKNOWN}; at
     *                 least 2
     * @return a {@link CharTokenizer} or a {@link WordTokenizer}
     * @throws DataException if {@code maxVocab < 2} or the text is empty
     */
    public static Tokenizer fit(TokenLevel level, String text, int maxVocab) {
        Objects.requireNonNull(level, "level");
        return switch (level) {
            case CHAR -> CharTokenizer.fit(text, maxVocab);
            case WORD -> WordTokenizer.fit(text, maxVocab);
        };
    }

    /**
     * Re-creates a tokenizer from a saved vocabulary.
     *
     * @param level      the token level the vocabulary was built for
     * @param vocabulary the vocabulary
     * @return a tokenizer with exactly that vocabulary
     * @throws DataException if a character vocabulary holds a token that is not a single
     *                           character
     */
    public static Tokenizer restore(TokenLevel level, Vocabulary vocabulary) {
        Objects.requireNonNull(level, "level");
        return switch (level) {
            case CHAR -> new CharTokenizer(vocabulary);
            case WORD -> new WordTokenizer(vocabulary);
        };
    }

    static void checkFitArguments(TokenLevel level, String text, int maxVocab) {
        if (maxVocab < 2) {
            throw new DataException(level.id() + " tokenizer: maxVocab must be >= 2 (" + Vocabulary.UNKNOWN
                    + " plus at least one token), got " + maxVocab);
        }
        if (text.isEmpty()) {
            throw new DataException(level.id() + " tokenizer: the training text is empty");
        }
    }

    static DataException badId(int[] ids, int index, int vocabularySize) {
        return new DataException("decode: ids[" + index + "] = " + ids[index] + " is outside the vocabulary [0, "
                + vocabularySize + ")");
    }
}
