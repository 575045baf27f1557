package dev.lstmforge.plugins.text.token;

import dev.lstmforge.support.DataException;
import java.util.Locale;

/** The unit a language model predicts: single characters or words. */
public enum TokenLevel {

    /** One token per Unicode code point; see {@link CharTokenizer}. */
    CHAR,

    /** Words, punctuation marks and line breaks; see {@link WordTokenizer}. */
    WORD;

    /**
     * Returns the lowercase name used in settings, {@code char} or {@code word}.
     *
     * @return the setting value
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a setting value, ignoring case and surrounding whitespace.
     *
     * @param value {@code char} or {@code word}
     * @return the level
     * @throws DataException naming the value and the valid values if it is neither
     */
    public static TokenLevel parse(String value) {
        if (value != null) {
            String wanted = value.strip();
            for (TokenLevel level : values()) {
                if (level.name().equalsIgnoreCase(wanted)) {
                    return level;
                }
            }
        }
        throw new DataException("token level: '" + value + "' is not valid; use one of char, " + "word");
    }
}
