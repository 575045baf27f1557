package dev.lstmforge.support.csv;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a CSV file is read: its separator (detected from the header by default) and the cell texts
 * that mean "no value". Immutable; change a copy with the {@code with...} methods.
 *
 * <pre>{@code
 * CsvTable prices = CsvTable.read(path);                                // separator detected
 * CsvTable skab = CsvTable.read(path, CsvFormat.DEFAULT.withSeparator(';'));
 * CsvTable strict = CsvTable.read(path, CsvFormat.DEFAULT.withNullTokens("", "NA"));
 * }</pre>
 */
public final class CsvFormat {

    /** Separator value meaning "detect from the header": comma, semicolon or tab, whichever occurs most. */
    public static final char AUTO = 0;

    /** The separators {@link #AUTO} chooses between. */
    static final char[] CANDIDATES = {',', ';', '\t'};

    /** Cell texts read as missing by default (compared ignoring case, after trimming). */
    public static final Set<String> DEFAULT_NULL_TOKENS = Set.of("", "null", "nan", "na", "n/a", "-");

    /** Separator detected from the header, the default null tokens. */
    public static final CsvFormat DEFAULT = new CsvFormat(AUTO, DEFAULT_NULL_TOKENS);

    private final char separator;
    private final Set<String> nullTokens;
    private final int longestToken;

    private CsvFormat(char separator, Set<String> nullTokens) {
        this.separator = separator;
        this.nullTokens = nullTokens;
        this.longestToken = nullTokens.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * Returns a copy that reads with a fixed separator instead of detecting it.
     *
     * @param separator the separator, for example {@code ';'}, or {@link #AUTO}
     * @return the new format
     * @throws IllegalArgumentException if the separator is a double quote or a line end (a
     *     programming error, not a data error)
     */
    public CsvFormat withSeparator(char separator) {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("a CSV separator cannot be a quote or a line end");
        }
        return new CsvFormat(separator, nullTokens);
    }

    /**
     * Returns a copy whose missing-value texts are exactly the given ones (ignoring case).
     *
     * @param tokens the texts that mean "no value", for example {@code "", "NA"}
     * @return the new format
     */
    public CsvFormat withNullTokens(String... tokens) {
        Set<String> set = new TreeSet<>();
        for (String t : tokens) {
            set.add(t.trim().toLowerCase(Locale.ROOT));
        }
        return new CsvFormat(separator, Set.copyOf(set));
    }

    /**
     * Returns the fixed separator, or {@link #AUTO}.
     *
     * @return the separator
     */
    public char separator() {
        return separator;
    }

    /**
     * Returns the texts that mean "no value", lower case.
     *
     * @return the tokens
     */
    public Set<String> nullTokens() {
        return nullTokens;
    }

    /**
     * Tells whether a cell's text means "no value".
     *
     * @param cell the cell text
     * @return true for a null token (ignoring case and surrounding blanks)
     */
    public boolean isNull(String cell) {
        String t = cell.trim();
        return t.length() <= longestToken && nullTokens.contains(t.toLowerCase(Locale.ROOT));
    }

    /**
     * Names a separator for messages: {@code "';' (semicolon)"}, {@code "tab"}.
     *
     * @param separator the separator
     * @return its name
     */
    static String describe(char separator) {
        switch (separator) {
            case ',':
                return "',' (comma)";
            case ';':
                return "';' (semicolon)";
            case '\t':
                return "tab";
            case '|':
                return "'|' (pipe)";
            default:
                return "'" + separator + "'";
        }
    }
}
